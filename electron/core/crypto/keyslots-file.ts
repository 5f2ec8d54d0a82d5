// The shape of keyslots.json, checked before anything in it is used: the file in the data folder
// and the copy inside every backup (whose header is not authenticated) are untrusted until they
// parse. Bounds keep a hostile file from making argon2 allocate without limit or the reader hold
// endless strings; lock-out counters keep their keys exactly (a user may be named `__proto__`).
import { z } from 'zod';
import { AppFailure } from '../../../shared/errors.ts';
import type { KeyslotsFile, LockoutState } from './keyslots.ts';
import type { KeySlot } from './keys.ts';

/** Larger than any real keyslots.json (a slot is about 1 KB; pending events are capped at 1,000). */
export const MAX_KEYSLOTS_BYTES = 16 * 1024 * 1024;

const base64 = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const Box = z.object({ iv: base64(64), tag: base64(64), ct: base64(4096) });
const Sealed = Box.extend({ epk: base64(256) });

const KeySlotSchema = z.object({
  kdf: z.object({
    alg: z.literal('argon2id'),
    /** KiB; at most 1 GiB: a slot asking for more is a hostile file, not a stronger setting. */
    memoryCost: z.number().int().min(8).max(1024 * 1024),
    timeCost: z.number().int().min(1).max(64),
    parallelism: z.number().int().min(1).max(64),
    salt: base64(256),
  }),
  privateKey: Box,
  publicKey: base64(256),
  sealed: Sealed,
  pending: Sealed.optional(),
}) satisfies z.ZodType<KeySlot>;

const LockoutStateSchema = z.object({
  failures: z.number().int().nonnegative(),
  lockedUntil: z.number(),
  lockouts: z.number().int().nonnegative(),
  at: z.number().optional(),
}) satisfies z.ZodType<LockoutState>;

const PendingEventSchema = z.object({
  at: z.number(),
  action: z.enum(['auth.signInFailed', 'auth.lockedOut', 'backup.restore']),
  username: z.string().max(400),
  label: z.string().max(4000).optional(),
  changes: z.array(z.object({ field: z.string().max(200), before: z.unknown(), after: z.unknown() })).max(100).optional(),
});

const KeyslotsSchema = z.object({
  format: z.literal(2),
  cipher: z.literal('aegis'),
  users: z.array(KeySlotSchema.extend({ userId: z.number().int().positive(), username: z.string().min(1).max(200) })).max(10_000),
  recovery: KeySlotSchema,
  /** Checked by lockoutsOf: zod's record would drop a `__proto__` key, and with it that user's counter. */
  lockouts: z.unknown(),
  pendingEvents: z.array(PendingEventSchema).max(10_000).optional(),
});

/**
 * The counters, into an object without a prototype, so that every key (`__proto__`, `constructor`)
 * is an ordinary entry that is counted, written back and read again (JSON.parse makes `__proto__`
 * an own key of what it reads).
 */
function lockoutsOf(raw: unknown): Record<string, LockoutState> | null {
  const out = Object.create(null) as Record<string, LockoutState>; // no prototype: `__proto__` is a key like any other
  if (raw === undefined) return out;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  for (const [key, value] of Object.entries(raw)) {
    const parsed = LockoutStateSchema.safeParse(value);
    if (key.length > 400 || !parsed.success) return null;
    out[key] = parsed.data;
  }
  return out;
}

/**
 * keyslots.json's text → the file, or AppFailure: UNSUPPORTED_VERSION for another format number,
 * CORRUPT (with `damaged` as the message) for anything else that does not parse.
 */
export function parseKeyslots(text: string, damaged: string, newer: string): KeyslotsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppFailure('CORRUPT', damaged);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format !== 2) throw new AppFailure('UNSUPPORTED_VERSION', newer);
  const parsed = KeyslotsSchema.safeParse(json);
  const lockouts = parsed.success ? lockoutsOf((json as { lockouts?: unknown }).lockouts) : null; // json is the object that just parsed
  if (!parsed.success || !lockouts) throw new AppFailure('CORRUPT', damaged);
  return { ...parsed.data, lockouts, pendingEvents: parsed.data.pendingEvents ?? [] };
}
