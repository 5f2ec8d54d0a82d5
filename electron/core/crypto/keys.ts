// The one module that handles raw keys (DESIGN.md "Keys"). The database key is 32 random bytes; it
// is stored only wrapped: once per user (argon2id of the password → AES-256-GCM) and once by the
// recovery key. Nothing outside this module sees a key-encryption key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';

export type KdfParams = {
  alg: 'argon2id';
  /** KiB of memory; at least 64 MiB (issue 3). */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  salt: string;
};

export type WrappedKey = { kdf: KdfParams; iv: string; tag: string; wrapped: string };

export const DEFAULT_KDF: Omit<KdfParams, 'salt'> = { alg: 'argon2id', memoryCost: 65536, timeCost: 3, parallelism: 1 };

export function newDatabaseKey(): Buffer {
  return randomBytes(32);
}

/** Lowercase hex, exactly 64 digits: the only key form SQLite3MC accepts without key derivation. */
export function keyToHex(key: Buffer): string {
  if (key.length !== 32) throw new Error('keys: a database key is 32 bytes');
  return key.toString('hex');
}

async function deriveKek(secret: string, kdf: KdfParams): Promise<Buffer> {
  return hashRaw(secret.normalize('NFC'), {
    algorithm: 2, // Algorithm.Argon2id; the const enum is not importable under isolatedModules
    memoryCost: kdf.memoryCost,
    timeCost: kdf.timeCost,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  });
}

export async function wrapKey(key: Buffer, secret: string, params: Omit<KdfParams, 'salt'> = DEFAULT_KDF): Promise<WrappedKey> {
  const kdf: KdfParams = { ...params, salt: randomBytes(16).toString('base64') };
  const kek = await deriveKek(secret, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return { kdf, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** The database key, or null when the secret is wrong (the GCM tag does not verify). */
export async function unwrapKey(slot: WrappedKey, secret: string): Promise<Buffer | null> {
  const kek = await deriveKek(secret, slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

// Crockford base32 without I, L, O, U: nothing to misread when typed from paper.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as eight groups of four characters, e.g. `7K2M-...`. */
export function newRecoveryKey(): string {
  const bytes = randomBytes(32);
  let out = '';
  for (let i = 0; i < 32; i++) out += RECOVERY_ALPHABET[(bytes[i] ?? 0) % 32];
  return out.match(/.{4}/g)!.join('-'); // 32 characters always make 8 groups
}

/** Accepts the key as people type it back: any case, spaces or dashes, O for 0, I/L for 1. */
export function normaliseRecoveryKey(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}
