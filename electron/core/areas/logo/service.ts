// The shop logo: a PNG or JPEG in the blob store, held by 'settings:logo'; its size in pixels kept
// beside it in the settings table (read back through a schema: it is data, not code).
import { z } from 'zod';
import { LOGO_TYPES } from '../../../../shared/api/logo.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { Db } from '../../db/database.ts';
import { heldBlob, holdBlob, readBlob, releaseBlob, type StoredBlob } from '../../files/blob-store.ts';
import { checkImage } from '../../files/image-check.ts';
import type { StagedFile } from '../../files/uploads.ts';

export const LOGO_HOLDER = 'settings:logo';
const FACTS_KEY = 'logo';

const LogoFacts = z.object({ sha256: z.string().length(64), width: z.number().int().positive(), height: z.number().int().positive() });
export type LogoFacts = z.infer<typeof LogoFacts>;

export type ShopLogo = { blob: StoredBlob; width: number; height: number };

export async function readLogo(db: Db): Promise<ShopLogo | null> {
  const blob = await heldBlob(db, LOGO_HOLDER);
  if (!blob) return null;
  const row = await db.selectFrom('settings').select('value').where('key', '=', FACTS_KEY).executeTakeFirst();
  let facts: LogoFacts | null;
  try {
    facts = LogoFacts.parse(JSON.parse(row?.value ?? 'null'));
  } catch {
    facts = null;
  }
  // Facts that do not belong to this blob: measure it again rather than trust them.
  if (!facts || facts.sha256 !== blob.sha256) {
    const measured = await checkImage(readBlob(db, blob));
    return { blob, width: measured.width, height: measured.height };
  }
  return { blob, width: facts.width, height: facts.height };
}

/**
 * Checks a staged file as a logo, by its content: not empty, a PNG or JPEG (sniffed), whole (every
 * chunk of its structure, re-hashed on the way). Refusals are VALIDATION with details.reason.
 */
export async function checkLogo(db: Db, staged: StagedFile): Promise<{ width: number; height: number }> {
  if (staged.blob.size === 0) throw new AppFailure('VALIDATION', 'the file is empty', { reason: 'empty' });
  if (!(LOGO_TYPES as readonly string[]).includes(staged.blob.type)) {
    throw new AppFailure('VALIDATION', `the file is not a PNG or JPEG image (its content is ${staged.blob.type})`, { reason: 'type' });
  }
  const facts = await checkImage(readBlob(db, staged.blob));
  return { width: facts.width, height: facts.height };
}

/** Makes `blob` the logo (the one before goes, if nothing else holds it). Call inside the change's transaction. */
export async function writeLogo(tx: Db, blob: StoredBlob, size: { width: number; height: number }): Promise<void> {
  await holdBlob(tx, blob.id, LOGO_HOLDER);
  const value = JSON.stringify({ sha256: blob.sha256, ...size } satisfies LogoFacts);
  await tx.insertInto('settings').values({ key: FACTS_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** No logo from now on. Call inside the change's transaction; false when there was none. */
export async function removeLogo(tx: Db): Promise<boolean> {
  await tx.deleteFrom('settings').where('key', '=', FACTS_KEY).execute();
  return releaseBlob(tx, LOGO_HOLDER);
}
