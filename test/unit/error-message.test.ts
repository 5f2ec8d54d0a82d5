// A refused call whose reasons a form could not put on a field still says them, in the user's
// language (renderer/src/app/errors.ts): never "check the highlighted fields" with nothing highlighted.
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en, resources, zh } from '../i18n-resources.ts';
import { errorMessage } from '../../renderer/src/app/errors.ts';
import type { AppError } from '../../shared/errors.ts';

async function translator(lng: 'en-US' | 'zh-CN'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return instance.t;
}

const refused = {
  code: 'VALIDATION',
  message: 'backup.create: folder: control character',
  details: [
    { path: ['folder'], code: 'custom', message: 'controlCharacter' },
    { path: ['reminderDays'], code: 'too_big', origin: 'number', maximum: 365, message: 'Too big' },
  ],
} as const;

describe('errorMessage', () => {
  it('says the reasons of a VALIDATION failure, in both languages', async () => {
    const t = await translator('en-US');
    expect(errorMessage(t, refused)).toBe(`Not accepted: ${en.validation.controlCharacter}; ${en.validation.numberMax.replace('{{max}}', '365')}`);
    const z = await translator('zh-CN');
    expect(errorMessage(z, refused)).toBe(`未被接受：${zh.validation.controlCharacter}；${zh.validation.numberMax.replace('{{max}}', '365')}`);
  });

  it('says each reason once, and keeps the general sentence when none is named', async () => {
    const t = await translator('en-US');
    const twice = { ...refused, details: [refused.details[0], { ...refused.details[0], path: ['secondFolder'] }] };
    expect(errorMessage(t, twice)).toBe(`Not accepted: ${en.validation.controlCharacter}`);
    expect(errorMessage(t, { code: 'VALIDATION', message: 'x' })).toBe(en.errors.VALIDATION);
    const unknownShape = { reason: 'other' } as unknown as AppError['details']; // a shape this renderer does not know (a newer core)
    expect(errorMessage(t, { code: 'VALIDATION', message: 'x', details: unknownShape })).toBe(en.errors.VALIDATION);
    // Other codes keep their own sentence even when their details name a field.
    expect(errorMessage(t, { code: 'CONFLICT', message: 'x', details: [{ path: ['username'], message: 'taken' }] })).toBe(en.errors.CONFLICT);
  });
});
