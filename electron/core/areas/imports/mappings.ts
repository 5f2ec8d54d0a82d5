// Mappings saved per file layout: the same file saved again next month (same headers) is mapped
// as it was last time. The layout is a hash of the import's kind and its headers, normalised
// (width, case, spaces), so a re-saved file with the same columns finds its mapping.
import { createHash } from 'node:crypto';
import { Mapping, type ImportKind } from '../../../../shared/api/imports.ts';
import type { Db } from '../../db/database.ts';
import { textKey } from './keys.ts';

export function layoutOf(kind: ImportKind, headers: readonly string[]): string {
  const normalised = headers.map(textKey);
  while (normalised.length > 0 && normalised.at(-1) === '') normalised.pop();
  return createHash('sha256').update(`${kind}\n${normalised.join('\t')}`).digest('hex').slice(0, 32);
}

export async function savedMapping(db: Db, layout: string): Promise<Mapping | null> {
  const row = await db.selectFrom('import_mappings').select('mapping').where('layout', '=', layout).executeTakeFirst();
  if (!row) return null;
  const parsed = Mapping.safeParse(JSON.parse(row.mapping));
  return parsed.success ? parsed.data : null;
}

export async function saveMapping(tx: Db, kind: ImportKind, layout: string, mapping: Mapping, userId: number, now: number): Promise<void> {
  await tx
    .insertInto('import_mappings')
    .values({ layout, kind, mapping: JSON.stringify(mapping), saved_by: userId, saved_at: now })
    .onConflict((oc) => oc.column('layout').doUpdateSet({ mapping: JSON.stringify(mapping), saved_by: userId, saved_at: now }))
    .execute();
}
