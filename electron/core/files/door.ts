// The core's side of the file channel, the same for every door: a file coming in is staged for a
// purpose (who may, how large: shared/api/files.ts) after the same session checks as any method
// (signed in, not idle, own password chosen); a file going out is a download this session was given.
// The doors only move bytes: browser mode's HTTP body and response, the Electron app's and the
// CLI's paths (read here, by the core, after checking them).
import { FILE_PURPOSES, isFilePurpose, maxBytesFor, type Upload } from '../../../shared/api/files.ts';
import { AppFailure, fail, ok, type Result } from '../../../shared/errors.ts';
import { roleHas } from '../../../shared/roles.ts';
import type { CoreState } from '../api/context.ts';
import type { Db } from '../db/database.ts';
import { failureOf, resolveCaller } from '../api/dispatcher.ts';
import { readSettings } from '../areas/settings/service.ts';
import { openDownload } from './downloads.ts';
import { sourceOf, type IncomingFile, type OutgoingFile } from './sources.ts';
import { stageUpload } from './uploads.ts';

const log = (message: string, error: unknown) => console.error(`clientele core: ${message}`, error);

/** The open database (a signed-in caller implies one). */
function openDb(state: CoreState): Db {
  if (!state.unlocked) throw new AppFailure('UNAUTHENTICATED', 'the database is locked; sign in first');
  return state.unlocked.db;
}

/** Stages a file for `purpose`; the answer names it in the next call's input ({ upload: id }). */
export async function receiveFile(state: CoreState, sessionKey: string, purpose: string, file: IncomingFile): Promise<Result<Upload>> {
  const what = 'files.upload';
  let source = null;
  try {
    if (!isFilePurpose(purpose)) return fail('VALIDATION', `${what}: no such purpose ${JSON.stringify(String(purpose).slice(0, 40))}`, { reason: 'purpose' });
    const resolved = await resolveCaller(state, sessionKey, what);
    if ('failure' in resolved) return resolved.failure;
    if (resolved.mustChangePassword) return fail('PASSWORD_CHANGE_REQUIRED', `${what}: choose your own password first`);
    const { permission } = FILE_PURPOSES[purpose];
    if (!roleHas(resolved.caller.role, permission)) {
      return fail('FORBIDDEN', `${what}: the role ${resolved.caller.role} may not upload a ${purpose} (needs ${permission})`);
    }
    const db = openDb(state);
    // The owner's limit as it is now (another process may have changed it).
    const maxBytes = maxBytesFor(purpose, await readSettings(db));
    source = await sourceOf(file, maxBytes); // a path is checked here, before a byte is read
    return ok(await stageUpload(db, resolved.caller.userId, purpose, source, state.clock(), maxBytes));
  } catch (error) {
    return failureOf(what, error, log, state);
  } finally {
    // A stream refused before its end is the door's to drain or drop (it still owes an answer).
    await source?.close();
  }
}

/** The bytes of a download this session was given (its chunks are read as the door sends them). */
export async function sendFile(state: CoreState, sessionKey: string, id: string): Promise<Result<OutgoingFile>> {
  const what = 'files.download';
  try {
    const resolved = await resolveCaller(state, sessionKey, what);
    if ('failure' in resolved) return resolved.failure;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(id)) throw new AppFailure('NOT_FOUND', 'no such download', { reason: 'download' });
    return ok(await openDownload(state, openDb(state), sessionKey, id));
  } catch (error) {
    return failureOf(what, error, log, state);
  }
}
