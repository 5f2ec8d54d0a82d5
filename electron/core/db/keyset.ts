// Keyset cursors: the sort key values of a page's last row, opaque to the client.
import { AppFailure } from '../../../shared/errors.ts';

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values.length !== length || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new AppFailure('VALIDATION', 'the page cursor is malformed; start again from the first page', [{ path: ['cursor'], message: 'cursor' }]);
  }
  return values;
}
