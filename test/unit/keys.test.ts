import { describe, expect, it } from 'vitest';
import { keyToHex, newDatabaseKey, newRecoveryKey, normaliseRecoveryKey, unwrapKey, wrapKey } from '../../electron/core/crypto/keys.ts';

// Small argon2 parameters: these tests check the wrapping, not the cost.
const FAST = { alg: 'argon2id' as const, memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('keys', () => {
  it('wraps and unwraps the database key; a wrong secret gets null', async () => {
    const key = newDatabaseKey();
    const slot = await wrapKey(key, 'correct horse', FAST);
    expect((await unwrapKey(slot, 'correct horse'))?.equals(key)).toBe(true);
    expect(await unwrapKey(slot, 'wrong horse')).toBeNull();
    expect(await unwrapKey({ ...slot, wrapped: Buffer.alloc(32).toString('base64') }, 'correct horse')).toBeNull();
  });

  it('stores the argon2 parameters with the slot', async () => {
    const slot = await wrapKey(newDatabaseKey(), 'secret', FAST);
    expect(slot.kdf).toMatchObject(FAST);
    expect(Buffer.from(slot.kdf.salt, 'base64')).toHaveLength(16);
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
