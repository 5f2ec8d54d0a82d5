// `clientele export ENTITY --format csv|xlsx --out FILE [--force] [--encoding gb18030] [--lang en-US]`:
// the same export as the app's Export button (exports.run: the whole list as the user sees it,
// audited), saved into FILE through a temporary file beside it (electron/cli/files.ts), so a
// failed or interrupted transfer leaves nothing. An existing FILE is refused before any work
// unless --force.
import { CSV_ENCODINGS, EXPORT_ENTITIES, EXPORT_FORMATS, EXPORT_LANGUAGES, type CsvEncoding, type ExportEntity, type ExportFormat, type ExportLanguage } from '../../../shared/api/exports.ts';
import { checkOut, saveDownload } from '../files.ts';
import { call, CliError, print, signIn, type CliContext } from '../session.ts';

function oneOf<T extends string>(what: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T; // just checked against the list
  throw new CliError('VALIDATION', `export needs ${what} ${allowed.join('|')}${value === undefined ? '' : ` (not "${value}")`}`);
}

/** `gbk` is what people call it; GB18030 is its superset and what the file is written in. */
function encodingOf(value: string | undefined): CsvEncoding {
  if (value === undefined) return 'utf8bom';
  const name = value.toLowerCase().replace(/[-_]/g, '');
  if (name === 'gbk' || name === 'gb18030') return 'gb18030';
  if (name === 'utf8' || name === 'utf8bom') return 'utf8bom';
  throw new CliError('VALIDATION', `export --encoding takes ${CSV_ENCODINGS.join('|')} (or gbk), not "${value}"`);
}

export async function exportCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  // An event's attendee list needs its event (filter { eventId }): exported from the event's page, not here.
  const entity = oneOf<Exclude<ExportEntity, 'eventAttendees'>>('an entity:', sub, EXPORT_ENTITIES.filter((name) => name !== 'eventAttendees'));
  const format = oneOf<ExportFormat>('--format', ctx.options.format, EXPORT_FORMATS);
  const encoding = encodingOf(ctx.options.encoding);
  if (format === 'xlsx' && ctx.options.encoding !== undefined) throw new CliError('VALIDATION', 'export --encoding is for CSV only (.xlsx is always Unicode)');
  const language = oneOf<ExportLanguage>('--lang', ctx.options.lang, EXPORT_LANGUAGES, 'zh-CN');
  if (!ctx.options.out) throw new CliError('VALIDATION', `export needs --out FILE.${format}`);
  const force = ctx.options.force ?? false;
  const file = checkOut(ctx.options.out, force);
  await signIn(ctx);
  const { download, rows } = await call(ctx, 'exports.run', { entity, format, encoding, language });
  await saveDownload(ctx, download, file, force);
  print(ctx, { file, entity, format, encoding: format === 'csv' ? encoding : null, rows, size: download.size, sha256: download.sha256 }, `wrote ${rows} ${entity} to ${file} (${download.size} bytes)`);
  return 0;
}
