import { describe, expect, it } from 'vitest';
import { createSlot, keyToHex, newDatabaseKey, newRecoveryKey, normaliseRecoveryKey, sealKey, unlockSlot } from '../../electron/core/crypto/keys.ts';

// Small argon2 parameters: these tests check the sealing, not the cost.
const FAST = { alg: 'argon2id' as const, memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('key slots', () => {
  it('unlock the database key with the right secret only', async () => {
    const key = newDatabaseKey();
    const slot = await createSlot(key, 'correct horse', FAST);
    expect((await unlockSlot(slot, 'correct horse'))?.key.equals(key)).toBe(true);
    expect(await unlockSlot(slot, 'wrong horse')).toBeNull();
    expect(await unlockSlot({ ...slot, privateKey: { ...slot.privateKey, ct: Buffer.alloc(48).toString('base64') } }, 'correct horse')).toBeNull();
  });

  it('can be resealed to a new key without the secret, and carry a pending key', async () => {
    const oldKey = newDatabaseKey();
    const newKey = newDatabaseKey();
    const slot = await createSlot(oldKey, 'secret words', FAST);
    const staged = { ...slot, pending: sealKey(slot.publicKey, newKey) };
    const unlocked = await unlockSlot(staged, 'secret words');
    expect(unlocked?.key.equals(oldKey)).toBe(true);
    expect(unlocked?.pendingKey?.equals(newKey)).toBe(true);
    const resealed = { ...slot, sealed: sealKey(slot.publicKey, newKey) };
    expect((await unlockSlot(resealed, 'secret words'))?.key.equals(newKey)).toBe(true);
  });

  it('stores the argon2 parameters with the slot, and never the key in the clear', async () => {
    const key = newDatabaseKey();
    const slot = await createSlot(key, 'secret', FAST);
    expect(slot.kdf).toMatchObject(FAST);
    expect(Buffer.from(slot.kdf.salt, 'base64')).toHaveLength(16);
    const text = JSON.stringify(slot);
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('hex'));
  });

  it('makes recovery keys people can type back', () => {
    const key = newRecoveryKey();
    expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newRecoveryKey()).not.toBe(key);
    expect(normaliseRecoveryKey(key.toLowerCase().replace(/-/g, ' '))).toBe(key);
    expect(normaliseRecoveryKey('abcd efgh')).toBe('ABCD-EFGH');
    expect(normaliseRecoveryKey('o1il')).toBe('0111');
  });

  it('turns a key into exactly 64 lowercase hex digits', () => {
    expect(keyToHex(newDatabaseKey())).toMatch(/^[0-9a-f]{64}$/);
    expect(() => keyToHex(Buffer.alloc(31))).toThrow();
  });
});
