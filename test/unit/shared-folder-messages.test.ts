// Another process on the data folder, and a folder that cannot be used, in the user's language
// (renderer/src/app/errors.ts): busy for a moment, open elsewhere (naming who), permission denied.
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en, resources, zh } from '../i18n-resources.ts';
import { errorMessage } from '../../renderer/src/app/errors.ts';
import { backupErrorMessage } from '../../renderer/src/features/backup/backup-format.ts';

async function translator(lng: 'en-US' | 'zh-CN'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return instance.t;
}

const running = {
  code: 'CONFLICT',
  message: 'system.rekey: Clientele has this data folder open elsewhere: browser mode (process 4242), clientele status (process 77); close it there first (nothing was changed)',
  details: { reason: 'running', holders: [{ kind: 'serve', pid: 4242, since: 1 }, { kind: 'cli', command: 'status', pid: 77, since: 2 }] },
} as const;

describe('messages about other processes on the data folder', () => {
  it('names every holder, in both languages, for re-key and for restore', async () => {
    const t = await translator('en-US');
    const english = 'Clientele is open on this data folder elsewhere: browser mode (process 4242), the command “clientele status” (process 77). Close it there first; nothing was changed.';
    expect(errorMessage(t, running)).toBe(english);
    expect(backupErrorMessage(t, running, 'restore')).toBe(english);
    const z = await translator('zh-CN');
    expect(errorMessage(z, running)).toBe('此数据文件夹正在别处打开：浏览器模式（进程 4242）、命令“clientele status”（进程 77）。请先在那里关闭；未做任何更改。');
  });

  it('busy and permission problems are said as such, not as "could not reach the service"', async () => {
    for (const lng of ['en-US', 'zh-CN'] as const) {
      const t = await translator(lng);
      const texts = lng === 'en-US' ? en.errors : zh.errors;
      expect(errorMessage(t, { code: 'IO', message: 'customers.create: busy', details: { reason: 'busy' } })).toBe(texts.busy);
      expect(errorMessage(t, { code: 'IO', message: 'auth.signIn: denied', details: { reason: 'denied', path: '/x' } })).toBe(texts.ioDenied);
      expect(errorMessage(t, { code: 'IO', message: 'setup.create: file', details: { reason: 'notFolder', path: '/x' } })).toBe(texts.ioNotFolder);
      expect(errorMessage(t, { code: 'IO', message: 'x: full', details: { reason: 'full' } })).toBe(texts.ioFull);
    }
  });
});
