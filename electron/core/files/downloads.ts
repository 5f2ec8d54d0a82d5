// Files the core gives out. A method that gives a file answers a Download (shared/api/files.ts): an
// unguessable id, good for the session that asked and for DOWNLOAD_LIFETIME_MS; the door streams
// the bytes from `openDownload`, re-hashed on the way (blob-store.ts). Kept in memory beside the
// core's state: a restart forgets them, and the page asks again.
import { randomBytes } from 'node:crypto';
import { DOWNLOAD_LIFETIME_MS, type Download } from '../../../shared/api/files.ts';
import { AppFailure } from '../../../shared/errors.ts';
import type { CoreState } from '../api/context.ts';
import type { Db } from '../db/database.ts';
import { blobBySha256, readBlob, type StoredBlob } from './blob-store.ts';
import type { OutgoingFile } from './sources.ts';

// By hash, not by row id: a freed blob's id may be reused by other content.
type Given = { sessionKey: string; sha256: string; name: string; expiresAt: number };

/** Downloads one session may have at once; past that the oldest goes. */
const PER_SESSION = 100;

const given = new WeakMap<CoreState, Map<string, Given>>();

function downloadsOf(state: CoreState): Map<string, Given> {
  let map = given.get(state);
  if (!map) {
    map = new Map();
    given.set(state, map);
  }
  return map;
}

/** A download of `blob` for this session, named `name` for the user. */
export function giveDownload(state: CoreState, sessionKey: string, blob: StoredBlob, name: string): Download {
  const map = downloadsOf(state);
  const now = state.clock();
  for (const [id, entry] of map) if (entry.expiresAt <= now || !state.sessions.has(entry.sessionKey)) map.delete(id);
  const mine = [...map].filter(([, entry]) => entry.sessionKey === sessionKey);
  for (const [id] of mine.slice(0, Math.max(0, mine.length - PER_SESSION + 1))) map.delete(id);
  const id = randomBytes(16).toString('base64url');
  map.set(id, { sessionKey, sha256: blob.sha256, name, expiresAt: now + DOWNLOAD_LIFETIME_MS });
  return { download: id, name, type: blob.type, size: blob.size, sha256: blob.sha256 };
}

/**
 * The bytes of a download this session was given, while the session lasts and the download has
 * not expired; NOT_FOUND otherwise (without saying which). The blob may have gone meanwhile (the
 * logo replaced): NOT_FOUND too.
 */
export async function openDownload(state: CoreState, db: Db, sessionKey: string, id: string): Promise<OutgoingFile> {
  const entry = downloadsOf(state).get(id);
  const live = entry && entry.sessionKey === sessionKey && entry.expiresAt > state.clock() && state.sessions.has(sessionKey);
  const blob = live ? await blobBySha256(db, entry.sha256) : undefined;
  if (!entry || !blob) throw new AppFailure('NOT_FOUND', 'no such download (they last an hour, for the session that asked)', { reason: 'download' });
  return { name: entry.name, type: blob.type, size: blob.size, chunks: readBlob(db, blob, entry.name) };
}
