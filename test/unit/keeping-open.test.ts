// A sign-in opens the database, then awaits its queries before its session starts; another session
// ending meanwhile must not close the database under it (handler-kit.ts keepingOpen).
import { describe, expect, it } from 'vitest';
import type { CoreState } from '../../electron/core/api/context.ts';
import { closeWhenUnused, keepingOpen } from '../../electron/core/api/handler-kit.ts';
import type { Db } from '../../electron/core/db/database.ts';

function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Just what opening and closing look at; the database is a stand-in (engine.close ignores what it did not open). */
function openState(): CoreState {
  const state = { sessions: new Map(), opening: 0, backupJob: null, hold: null, unlocked: { db: {} as Db, key: Buffer.alloc(32, 1) } };
  return state as unknown as CoreState; // the fields closeWhenUnused and closeNow use
}

describe('keepingOpen', () => {
  it('keeps the database open while a sign-in is between opening it and starting its session', async () => {
    const state = openState();
    const held = gate();
    const signIn = keepingOpen(state, async () => {
      await held.opened;
      state.sessions.set('b', { userId: 2, lastSeen: 0 });
    });
    closeWhenUnused(state); // the last other session signs out meanwhile
    expect(state.unlocked).not.toBeNull();
    held.open();
    await signIn;
    expect(state.unlocked).not.toBeNull();
    expect(state.opening).toBe(0);
  });

  it('closes it after a sign-in that started no session, when nobody else is signed in', async () => {
    const state = openState();
    const key = state.unlocked!.key;
    await expect(
      keepingOpen(state, async () => {
        throw new Error('wrong user name or password');
      }),
    ).rejects.toThrow('wrong user name');
    expect(state.unlocked).toBeNull();
    expect(key.every((byte) => byte === 0)).toBe(true); // the key left memory with it
  });
});
