// The refusals of the reader, each a VALIDATION with a reason of IMPORT_REFUSALS (shared/api/imports.ts)
// or TOO_LARGE, and a message that starts with the operation.
import { AppFailure } from '../../../../../shared/errors.ts';
import type { ImportRefusal } from '../../../../../shared/api/imports.ts';

export function refused(reason: ImportRefusal, why: string, extra: { row?: number; limit?: number } = {}): AppFailure<'VALIDATION'> {
  return new AppFailure('VALIDATION', `Reading the import file: ${why}`, { reason, ...extra });
}
