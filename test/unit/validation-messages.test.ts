// Every reason a VALIDATION failure can carry reaches the user as a sentence in their language:
// the closed list of reasons has a sentence in both files, no reason is used in the core or the
// contract without being on that list, and every zod issue the contract's schemas produce reads as
// a translated sentence (never a code such as "samePassword", never an untranslated key).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { containsUsername } from '../../shared/password-rules.ts';
import { toWireIssue, VALIDATION_MESSAGES } from '../../shared/validation.ts';
import { en, resources, zh } from '../i18n-resources.ts';
import { issueMessage, RENDERER_MESSAGES, type IssueLike } from '../../renderer/src/app/validation.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function translator(lng: 'en-US' | 'zh-CN'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return instance.t;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A sentence, not a key or a code: i18next answers a missing key with the key itself. */
function expectSentence(text: string, context: string): void {
  expect(text, context).not.toMatch(/^validation\./);
  expect(text, context).not.toMatch(/\{\{/);
  // Codes are camelCase (samePassword); words such as "email" may appear in a sentence.
  for (const code of [...VALIDATION_MESSAGES, ...RENDERER_MESSAGES].filter((c) => /[A-Z]/.test(c))) expect(text, context).not.toContain(code);
}

describe('validation reasons', () => {
  it('has a sentence for every reason in both languages', () => {
    for (const reason of [...VALIDATION_MESSAGES, ...RENDERER_MESSAGES]) {
      expect((en.validation as Record<string, string>)[reason], `en-US validation.${reason}`).toBeTruthy();
      expect((zh.validation as Record<string, string>)[reason], `zh-CN validation.${reason}`).toBeTruthy();
    }
  });

  it('knows every reason the core and the contract use', () => {
    const used = new Map<string, string>();
    for (const file of [...sourceFiles(join(ROOT, 'shared')), ...sourceFiles(join(ROOT, 'electron/core'))]) {
      const text = readFileSync(file, 'utf8');
      // `{ message: 'phone' }` in a schema, `[{ path: [...], message: 'samePassword' }]` in the core
      for (const match of text.matchAll(/\bmessage:\s*'([A-Za-z]+)'/g)) used.set(match[1]!, file);
      // checkPassword's refuse(field, 'containsUsername', ...) and the like
      for (const match of text.matchAll(/\brefuse\([^,]+,\s*'([A-Za-z]+)'/g)) used.set(match[1]!, file);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const [reason, file] of used) expect(VALIDATION_MESSAGES as readonly string[], `${reason} (${file})`).toContain(reason);
  });

  for (const lng of ['en-US', 'zh-CN'] as const) {
    it(`says every problem of every method's input in ${lng}`, async () => {
      const t = await translator(lng);
      const junk: unknown[] = [42, 'x'.repeat(100_001), '', -1, 1.5, [], {}, null, 'not-a-thing', Array.from({ length: 300 }, () => 'x')];
      let seen = 0;
      const codes = new Set<string>();
      for (const method of Object.keys(contract) as MethodName[]) {
        const schema = contract[method].input;
        const inputs: unknown[] = [42, {}];
        const shape = (schema as { shape?: Record<string, unknown> }).shape; // object schemas expose their fields
        if (shape) for (const value of junk) inputs.push(Object.fromEntries(Object.keys(shape).map((key) => [key, value])));
        for (const input of inputs) {
          const parsed = schema.safeParse(input);
          if (parsed.success) continue;
          for (const issue of parsed.error.issues.map(toWireIssue)) {
            // Through JSON, as the core sends it.
            const wire = JSON.parse(JSON.stringify(issue)) as IssueLike;
            codes.add(wire.code ?? '');
            const text = issueMessage(t, wire);
            expectSentence(text, `${method} ${JSON.stringify(issue)}`);
            // zod's English default text is for the log only
            expect(text, `${method} ${JSON.stringify(issue)}`).not.toBe(issue.message);
            seen++;
          }
        }
      }
      expect(seen).toBeGreaterThan(100);
      expect([...codes]).toEqual(expect.arrayContaining(['too_small', 'too_big', 'invalid_type', 'invalid_value']));
    });

    it(`says the core's own reasons in ${lng}, and a reason it does not know as "not valid"`, async () => {
      const t = await translator(lng);
      for (const reason of [...VALIDATION_MESSAGES, ...RENDERER_MESSAGES]) {
        const text = issueMessage(t, { path: ['x'], code: 'custom', message: reason });
        expect(text).toBe(((lng === 'en-US' ? en : zh).validation as Record<string, string>)[reason]);
      }
      expect(issueMessage(t, { path: ['x'], code: 'custom', message: 'somethingNew' })).toBe(lng === 'en-US' ? en.validation.invalid : zh.validation.invalid);
    });
  }

  it('says "at least 10 characters" for a short password from the wire format', async () => {
    const t = await translator('en-US');
    const parsed = contract['setup.create'].input.safeParse({ shopName: 'S', ownerUsername: 'boss', password: 'short' });
    expect(parsed.success).toBe(false);
    const issue = JSON.parse(JSON.stringify(parsed.error!.issues.map(toWireIssue).find((i) => i.path[0] === 'password'))) as IssueLike;
    expect(issueMessage(t, issue)).toBe('At least 10 characters');
  });
});

describe('password rule shared by the screens and the core', () => {
  it('finds the user name in any case, ignores names shorter than 3', () => {
    expect(containsUsername('my-Boss-password-16', 'boss')).toBe(true);
    expect(containsUsername('my-boss-password-16', ' BOSS ')).toBe(true);
    expect(containsUsername('my-ｂｏｓｓ-password', 'boss')).toBe(true);
    expect(containsUsername('reliable-horse-staple', 'li')).toBe(false);
    expect(containsUsername('correct-horse-battery', 'boss')).toBe(false);
  });
});
