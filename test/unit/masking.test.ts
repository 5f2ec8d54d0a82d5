import { describe, expect, it } from 'vitest';
import { isMasked, maskEmail, maskPhone, maskWechat, nationalDigits, visibleParts } from '../../shared/masking.ts';

describe('masking', () => {
  it('keeps the first 3 and last 4 digits of the national number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
    expect(maskPhone('0086 138 0013 8000')).toBe('138****8000');
    expect(maskPhone('(+86) 10 6552 9988')).toBe('106****9988');
    expect(maskPhone('014-06150663')).toBe('014****0663');
    expect(maskPhone('0571-8888 1234')).toBe('057****1234');
    // Not a Chinese country code: the digits as written.
    expect(maskPhone('+44 20 7946 0958')).toBe('442****0958');
    expect(maskPhone('12345')).toBe('****2345');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('')).toBe('');
  });

  it('finds the national digits of Chinese numbers written with a country code', () => {
    expect(nationalDigits('+86 138-0013-8000')).toBe('13800138000');
    expect(nationalDigits('0086-138-0013-8000')).toBe('13800138000');
    expect(nationalDigits('86 138 0013 8000')).toBe('8613800138000');
    expect(nationalDigits('0571-8888 1234')).toBe('057188881234');
  });

  it('masks WeChat IDs like phone numbers', () => {
    expect(maskWechat('wx_12345678')).toBe('wx_****5678');
    expect(maskWechat('zhang_san')).toBe('zha****_san');
    expect(maskWechat('lily88')).toBe('****ly88');
    expect(maskWechat('liu')).toBe('****');
    expect(maskWechat('')).toBe('');
    expect(maskWechat('微信号张三丰年')).toBe('****张三丰年');
  });

  it('masks e-mail addresses to their first letter and domain', () => {
    expect(maskEmail('zhang@example.com')).toBe('z***@example.com');
    expect(maskEmail('broken')).toBe('***');
    expect(maskEmail('')).toBe('');
  });

  it('tells masked text and its visible runs', () => {
    for (const masked of ['138****8000', 'wx_****5678', 'z***@example.com', '***']) expect(isMasked(masked)).toBe(true);
    expect(isMasked('13800138000')).toBe(false);
    expect(visibleParts('138****8000')).toEqual(['138', '8000']);
    expect(visibleParts('****8000')).toEqual(['8000']);
    expect(visibleParts('z***@example.com')).toEqual(['z', '@example.com']);
    expect(visibleParts('****')).toEqual([]);
  });
});
