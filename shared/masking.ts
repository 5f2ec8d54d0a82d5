// How phone numbers, e-mail addresses and WeChat IDs look to roles that may not see them
// (PRODUCT.md: `138****1234`). Pure functions: the core masks before anything leaves it; the UI
// only shows. Search matches such roles only on what these functions leave visible (visibleParts).

/** A Chinese number written with its country code: +86, 0086, (+86). */
const CHINA_PREFIX = /^\s*\(?\s*(\+|00)\s*86\s*\)?/;

/**
 * The digits of the national number: the country code of a Chinese number written with one
 * (`+86 138-0013-8000`) is not part of what people read as "the first three digits".
 */
export function nationalDigits(phone: string): string {
  const national = CHINA_PREFIX.test(phone) ? phone.replace(CHINA_PREFIX, '') : phone;
  return national.replace(/\D/g, '');
}

/** Keeps the first 3 and last 4 of a long run, the last 4 of a shorter one, nothing of 4 or fewer. */
function maskRun(chars: readonly string[]): string {
  if (chars.length === 0) return '';
  if (chars.length >= 8) return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
  if (chars.length > 4) return `****${chars.slice(-4).join('')}`;
  return '****';
}

/** Keeps the first 3 and last 4 digits of the national number: `+86 138-0013-8000` → `138****8000`. */
export function maskPhone(phone: string): string {
  return maskRun([...nationalDigits(phone)]);
}

/** WeChat IDs are contact details like phone numbers and are masked like them: `wx_****5678`. */
export function maskWechat(id: string): string {
  return maskRun([...id.trim()]);
}

/** Keeps the first character of the name and the whole domain: `z***@example.com`. */
export function maskEmail(email: string): string {
  if (email === '') return '';
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.charAt(0)}***${email.slice(at)}`;
}

/** True for text as maskPhone / maskWechat / maskEmail produce it. */
export function isMasked(text: string): boolean {
  return text.includes('****') || /^.\*\*\*@/.test(text) || text === '***';
}

/** The runs of a masked value a role sees: `138****8000` → ['138', '8000']; `z***@x.cn` → ['z', '@x.cn']. */
export function visibleParts(masked: string): string[] {
  return masked.split(/\*+/).filter((part) => part !== '');
}
