// `clientele import ...`: importing customers or sales from a file and undoing an import, from the command
// line. The file is staged from its path through the core's file channel (checked and read by the
// core under the same limits as every door), inspected (encoding, header row, the mapping saved for
// its layout or auto-matched), then previewed (--dry-run) or run: the same core calls the wizard makes.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { IMPORT_FIELDS, MATCH_ON, ON_DUPLICATE, TEXT_ENCODINGS, type Mapping, type MatchOn, type OnDuplicate, type TextEncoding } from '../../../shared/api/imports.ts';
import { checkOut, saveDownload, stagePath } from '../files.ts';
import { call, CliError, print, signIn, type CliContext } from '../session.ts';

const MATCH_WORDS: Record<string, MatchOn> = { phone: 'phone', email: 'email', 'name-address': 'nameAddress', nameAddress: 'nameAddress' };

function choice<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError('VALIDATION', `${what} must be one of ${allowed.join(', ')} (not "${value}")`);
  return value as T; // checked just above
}

/**
 * A mapping file: `{ "headerRow": 1, "columns": { "name": 0, "contactMobile": "手机" } }`; a column
 * is its index (from 0) or its header's text. Fields left out keep the inspected mapping's column.
 */
async function mappingFrom(path: string, inspected: Mapping, headers: readonly string[]): Promise<Mapping> {
  let given: unknown;
  try {
    given = JSON.parse(await readFile(resolve(path), 'utf8'));
  } catch (error) {
    throw new CliError('VALIDATION', `--mapping ${path}: not a readable JSON file (${(error as Error).message})`);
  }
  const shape = given as { headerRow?: unknown; columns?: Record<string, unknown> };
  if (typeof shape !== 'object' || shape === null || typeof shape.columns !== 'object' || shape.columns === null) {
    throw new CliError('VALIDATION', `--mapping ${path}: expected { "headerRow": N, "columns": { "field": column } }`);
  }
  const columns: Record<string, number | null> = { ...inspected.columns };
  for (const [field, column] of Object.entries(shape.columns)) {
    if (column === null || typeof column === 'number') columns[field] = column;
    else if (typeof column === 'string') {
      const index = headers.findIndex((header) => header.trim() === column.trim());
      if (index === -1) throw new CliError('VALIDATION', `--mapping ${path}: no column headed "${column}" (the headers: ${headers.join(', ')})`);
      columns[field] = index;
    } else throw new CliError('VALIDATION', `--mapping ${path}: ${field}'s column must be a number, a header or null`);
  }
  return { headerRow: typeof shape.headerRow === 'number' ? shape.headerRow : inspected.headerRow, columns };
}

/** `import customers FILE [--encoding E] [--mapping FILE.json] [--on-duplicate P] [--match-on M] [--dry-run] [--out REJECTED.csv]`. */
async function customers(ctx: CliContext): Promise<number> {
  const path = ctx.args[0];
  if (!path || ctx.args.length > 1) throw new CliError('VALIDATION', 'import customers needs one FILE: clientele import customers FILE --user USER');
  const encoding = choice<TextEncoding>(ctx.options.encoding, TEXT_ENCODINGS, '--encoding');
  const onDuplicate = choice<OnDuplicate>(ctx.options['on-duplicate'], ON_DUPLICATE, '--on-duplicate');
  const matchOn = ctx.options['match-on'] === undefined ? undefined : MATCH_WORDS[ctx.options['match-on']];
  if (ctx.options['match-on'] !== undefined && !matchOn) throw new CliError('VALIDATION', `--match-on must be one of phone, email, name-address (not "${ctx.options['match-on']}")`);
  const out = ctx.options.out === undefined ? null : checkOut(ctx.options.out, ctx.options.force ?? false);
  await signIn(ctx);
  const upload = await stagePath(ctx, 'import', path);
  const file = { upload: upload.upload };
  const inspection = await call(ctx, 'imports.inspect', { file, kind: 'customers', encoding });
  const mapping = ctx.options.mapping ? await mappingFrom(ctx.options.mapping, inspection.mapping, inspection.headers) : inspection.mapping;
  const request = { file, kind: 'customers' as const, encoding, mapping, matchOn: matchOn ?? MATCH_ON[0], onDuplicate: onDuplicate ?? 'skip' };
  const brief = (errors: readonly { row: number; field: string; code: string }[]) => errors.map(({ row, field, code }) => ({ row, field, code }));
  const mapped = IMPORT_FIELDS.customers.filter((field) => mapping.columns[field] !== null && mapping.columns[field] !== undefined);
  const head = `${upload.name}: ${inspection.format}${inspection.encoding ? ` ${inspection.encoding}` : ''}, header on row ${mapping.headerRow}, ${mapped.length} fields mapped (${mapped.join(', ')})`;
  if (ctx.options['dry-run']) {
    const preview = await call(ctx, 'imports.preview', request);
    const value = { created: preview.create, updated: preview.update, skipped: preview.skip, errors: brief(preview.errors), errorCount: preview.errorCount, batch: null, dryRun: true };
    print(ctx, value, [head, `dry run: would create ${preview.create}, update ${preview.update}, skip ${preview.skip}; ${preview.errorCount} rows with errors`, ...preview.errors.map((e) => `  row ${e.row} ${e.field}: ${e.code} (${e.value})`)].join('\n'));
    return preview.errorCount > 0 ? 1 : 0;
  }
  const result = await call(ctx, 'imports.run', { ...request, language: ctx.options.lang === 'en-US' ? 'en-US' : 'zh-CN' });
  if (out && result.rejected) await saveDownload(ctx, result.rejected, out, ctx.options.force ?? false);
  const value = { created: result.created, updated: result.updated, skipped: result.skipped, errors: brief(result.errors), errorCount: result.errorCount, batch: result.batch, ...(out && result.rejected ? { rejected: out } : {}) };
  print(
    ctx,
    value,
    [
      head,
      `created ${result.created}, updated ${result.updated}, skipped ${result.skipped}; ${result.errorCount} rows with errors${result.batch === null ? '' : ` (batch ${result.batch}: clientele import undo ${result.batch})`}`,
      ...result.errors.map((e) => `  row ${e.row} ${e.field}: ${e.code} (${e.value})`),
      ...(out && result.rejected ? [`rejected rows written to ${out}`] : []),
    ].join('\n'),
  );
  return result.errorCount > 0 ? 1 : 0;
}

/** `import sales FILE [--encoding E] [--mapping FILE.json] [--dry-run] [--out REJECTED.csv]`: each row a sale line; the same receipt number, customer and day one sale. */
async function sales(ctx: CliContext): Promise<number> {
  const path = ctx.args[0];
  if (!path || ctx.args.length > 1) throw new CliError('VALIDATION', 'import sales needs one FILE: clientele import sales FILE --user USER');
  const encoding = choice<TextEncoding>(ctx.options.encoding, TEXT_ENCODINGS, '--encoding');
  const out = ctx.options.out === undefined ? null : checkOut(ctx.options.out, ctx.options.force ?? false);
  await signIn(ctx);
  const upload = await stagePath(ctx, 'import', path);
  const file = { upload: upload.upload };
  const inspection = await call(ctx, 'imports.inspect', { file, kind: 'sales', encoding });
  const mapping = ctx.options.mapping ? await mappingFrom(ctx.options.mapping, inspection.mapping, inspection.headers) : inspection.mapping;
  const request = { file, kind: 'sales' as const, encoding, mapping };
  const brief = (errors: readonly { row: number; field: string; code: string }[]) => errors.map(({ row, field, code }) => ({ row, field, code }));
  const mapped = IMPORT_FIELDS.sales.filter((field) => mapping.columns[field] !== null && mapping.columns[field] !== undefined);
  const head = `${upload.name}: ${inspection.format}${inspection.encoding ? ` ${inspection.encoding}` : ''}, header on row ${mapping.headerRow}, ${mapped.length} fields mapped (${mapped.join(', ')})`;
  const errorLines = (errors: readonly { row: number; field: string; code: string; value: string }[]) => errors.map((e) => `  row ${e.row} ${e.field}: ${e.code} (${e.value})`);
  if (ctx.options['dry-run']) {
    const preview = await call(ctx, 'imports.preview', request);
    const value = { created: preview.create, lines: preview.lines ?? 0, errors: brief(preview.errors), errorCount: preview.errorCount, batch: null, dryRun: true };
    print(ctx, value, [head, `dry run: would create ${preview.create} sales with ${preview.lines ?? 0} lines; ${preview.errorCount} rows with errors`, ...errorLines(preview.errors)].join('\n'));
    return preview.errorCount > 0 ? 1 : 0;
  }
  const result = await call(ctx, 'imports.run', { ...request, language: ctx.options.lang === 'en-US' ? 'en-US' : 'zh-CN' });
  if (out && result.rejected) await saveDownload(ctx, result.rejected, out, ctx.options.force ?? false);
  const value = { created: result.created, lines: result.lines ?? 0, errors: brief(result.errors), errorCount: result.errorCount, batch: result.batch, ...(out && result.rejected ? { rejected: out } : {}) };
  print(
    ctx,
    value,
    [
      head,
      `created ${result.created} sales with ${result.lines ?? 0} lines; ${result.errorCount} rows with errors${result.batch === null ? '' : ` (batch ${result.batch}: clientele import undo ${result.batch})`}`,
      ...errorLines(result.errors),
      ...(out && result.rejected ? [`rejected rows written to ${out}`] : []),
    ].join('\n'),
  );
  return result.errorCount > 0 ? 1 : 0;
}

/** `import undo BATCH`. */
async function undo(ctx: CliContext): Promise<number> {
  const batch = Number(ctx.args[0]);
  if (!Number.isInteger(batch) || batch <= 0) throw new CliError('VALIDATION', 'import undo needs the batch number: clientele import undo BATCH --user USER');
  await signIn(ctx);
  const result = await call(ctx, 'imports.undo', { batch });
  print(ctx, { batch, ...result }, `import ${batch} undone: ${result.removed} removed, ${result.restored} restored`);
  return 0;
}

/** `import list`: the import batches, newest first. */
async function list(ctx: CliContext): Promise<number> {
  await signIn(ctx);
  const { rows } = await call(ctx, 'imports.list', {});
  print(ctx, { batches: rows }, rows.map((b) => `#${b.id} ${b.fileName} by ${b.createdBy.name}: created ${b.created}, updated ${b.updated}, skipped ${b.skipped}${b.undoneAt === null ? '' : ' (undone)'}`).join('\n') || 'no imports yet');
  return 0;
}

export async function importCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  if (sub === 'customers') return customers(ctx);
  if (sub === 'sales') return sales(ctx);
  if (sub === 'undo') return undo(ctx);
  if (sub === 'list') return list(ctx);
  throw new CliError('VALIDATION', 'import needs a sub-command: customers FILE, sales FILE, undo BATCH or list');
}
