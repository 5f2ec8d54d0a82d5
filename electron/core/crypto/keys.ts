// The one module that handles raw keys (DESIGN.md "Keys"). The database key is 32 random bytes and
// is never stored in the clear. Each key slot (one per user, one for the recovery key) holds an
// X25519 key pair: its private key wrapped by the slot's secret (argon2id → AES-256-GCM), and the
// database key sealed to its public key. Sealing to public keys is what lets the owner re-key the
// database without anyone's password: the new key is sealed to every remaining slot.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';

export type KdfParams = {
  alg: 'argon2id';
  /** KiB of memory; at least 64 MiB (issue 3). */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  salt: string;
};

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

/** AES-256-GCM with a fresh IV; the key is 32 bytes. */
function seal(key: Buffer, plaintext: Buffer): { iv: string; tag: string; ct: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

function open(key: Buffer, box: { iv: string; tag: string; ct: string }): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** The database key sealed to a slot's public key (ephemeral X25519 + HKDF-SHA256 + AES-256-GCM). */
export type SealedKey = { epk: string; iv: string; tag: string; ct: string };

export type KeySlot = {
  kdf: KdfParams;
  /** The slot's X25519 private key (PKCS#8 DER), AES-256-GCM under the argon2id key of the secret. */
  privateKey: { iv: string; tag: string; ct: string };
  /** The slot's X25519 public key (SPKI DER, base64). */
  publicKey: string;
  /** The current database key. */
  sealed: SealedKey;
  /** The database key a re-key is installing; present only while one is under way. */
  pending?: SealedKey;
};

function boxKey(shared: Buffer, epk: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), 'clientele database key', 32));
}

export function sealKey(publicKeyDer: string, databaseKey: Buffer): SealedKey {
  const recipient = createPublicKey({ key: Buffer.from(publicKeyDer, 'base64'), format: 'der', type: 'spki' });
  const ephemeral = generateKeyPairSync('x25519');
  const epk = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  return { epk: epk.toString('base64'), ...seal(boxKey(shared, epk, Buffer.from(publicKeyDer, 'base64')), databaseKey) };
}

function unsealKey(privateKey: KeyObject, publicKeyDer: string, sealed: SealedKey): Buffer | null {
  const epk = Buffer.from(sealed.epk, 'base64');
  const shared = diffieHellman({ privateKey, publicKey: createPublicKey({ key: epk, format: 'der', type: 'spki' }) });
  const key = open(boxKey(shared, epk, Buffer.from(publicKeyDer, 'base64')), sealed);
  return key && key.length === 32 ? key : null;
}

/** A new slot for `secret` holding `databaseKey`. */
export async function createSlot(databaseKey: Buffer, secret: string, params: Omit<KdfParams, 'salt'> = DEFAULT_KDF): Promise<KeySlot> {
  const kdf: KdfParams = { ...params, salt: randomBytes(16).toString('base64') };
  const kek = await deriveKek(secret, kdf);
  const pair = generateKeyPairSync('x25519');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return {
    kdf,
    privateKey: seal(kek, pair.privateKey.export({ format: 'der', type: 'pkcs8' })),
    publicKey,
    sealed: sealKey(publicKey, databaseKey),
  };
}

/** The keys a slot holds, or null when the secret is wrong (the GCM tag does not verify). */
export async function unlockSlot(slot: KeySlot, secret: string): Promise<{ key: Buffer; pendingKey: Buffer | null } | null> {
  const kek = await deriveKek(secret, slot.kdf);
  const der = open(kek, slot.privateKey);
  if (!der) return null;
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const key = unsealKey(privateKey, slot.publicKey, slot.sealed);
  if (!key) return null;
  return { key, pendingKey: slot.pending ? unsealKey(privateKey, slot.publicKey, slot.pending) : null };
}

/** The current database key a slot holds, or null for a wrong secret (tests and tools). */
export async function unwrapKey(slot: KeySlot, secret: string): Promise<Buffer | null> {
  return (await unlockSlot(slot, secret))?.key ?? null;
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

/**
 * Seals data with a key derived from the database key (HKDF, one key per purpose): used for the
 * manifest inside a backup, which only someone who can unlock that backup may read.
 */
export function sealWithDatabaseKey(databaseKey: Buffer, purpose: string, plaintext: Buffer): { iv: string; tag: string; ct: string } {
  return seal(Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), purpose, 32)), plaintext);
}

export function openWithDatabaseKey(databaseKey: Buffer, purpose: string, box: { iv: string; tag: string; ct: string }): Buffer | null {
  return open(Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), purpose, 32)), box);
}
