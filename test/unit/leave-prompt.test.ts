// The Electron shell's "leave this page?" question (electron/main/leave-prompt.ts): asked in the
// language the page shows, else the system's, with Leave and Stay in both languages. The shell
// itself cannot start here (no Electron binary), so its wiring is checked in its source.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, LEAVE_BUTTON, LEAVE_PROMPT, STAY_BUTTON, isLanguage, promptLanguage } from '../../electron/main/leave-prompt.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('leave prompt', () => {
  it('speaks the page language, else the system language as the renderer would pick it', () => {
    expect(promptLanguage('en-US', 'zh-CN')).toBe('en-US');
    expect(promptLanguage('zh-CN', 'en-US')).toBe('zh-CN');
    expect(promptLanguage(null, 'zh-TW')).toBe('zh-CN');
    expect(promptLanguage(null, 'zh')).toBe('zh-CN');
    expect(promptLanguage(null, 'de-DE')).toBe('en-US');
    expect(promptLanguage(null, '')).toBe('en-US');
  });

  it('accepts only the languages the app has', () => {
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    for (const value of ['zh', 'en', 'fr-FR', '', null, 3, { toString: () => 'zh-CN' }]) expect(isLanguage(value)).toBe(false);
  });

  it('has every text in both languages, Leave first and Stay second', () => {
    expect([LEAVE_BUTTON, STAY_BUTTON]).toEqual([0, 1]);
    for (const language of LANGUAGES) {
      for (const text of Object.values(LEAVE_PROMPT[language])) expect(text.trim(), language).not.toBe('');
    }
    expect(LEAVE_PROMPT['zh-CN'].leave).toBe('离开');
    expect(LEAVE_PROMPT['en-US'].stay).toBe('Stay');
    expect(LEAVE_PROMPT['zh-CN'].detail).toMatch(/恢复密钥/);
  });

  it('is wired: the main process asks on will-prevent-unload, the preload passes the page language', () => {
    const main = readFileSync(resolve(ROOT, 'electron/main/main.ts'), 'utf8');
    const preload = readFileSync(resolve(ROOT, 'electron/preload/preload.ts'), 'utf8');
    expect(main).toMatch(/webContents\.on\('will-prevent-unload'/);
    expect(main).toMatch(/showMessageBoxSync\(win,/);
    expect(main).toMatch(/if \(choice === LEAVE_BUTTON\) event\.preventDefault\(\)/);
    expect(main).toContain("'clientele:language'");
    expect(preload).toContain("'clientele:language'");
    // The renderer no longer turns its warning off under Electron.
    const page = readFileSync(resolve(ROOT, 'renderer/src/features/setup/RecoveryKeyPage.tsx'), 'utf8');
    expect(page).not.toMatch(/window\.clientele\)\s*return/);
  });
});
