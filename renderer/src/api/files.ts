// The file channel on the page's side (shared/api/files.ts). Staging a file: in the Electron app
// the preload hands the core the file's path (webUtils.getPathForFile: only a file the user chose
// has one) and the core reads it; in browser mode the page streams the file's bytes to
// POST /api/upload (the browser reads a File from disk as it sends, never whole into the page).
// Either way the answer is an upload id for the next call. A download is fetched from the door
// (`/api/download/<id>`; in the app, its own protocol) as an image source or a link.
import type { Download, FilePurpose, Upload } from '../../../shared/api/files.ts';
import type { Result } from '../../../shared/errors.ts';

/** What the Electron preload adds for files (electron/preload/preload.ts). */
type FileBridge = {
  uploadFile?: (file: File, purpose: string) => Promise<Result<Upload>>;
};

/** Browser mode's launch token, where api/client.ts keeps it for the tab. */
const TOKEN_KEY = 'clientele.token';

function bridge(): FileBridge | null {
  return (window.clientele as FileBridge | undefined) ?? null;
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'IO', message: `files.upload: ${message}`, details: { reason: 'interrupted' } } };
}

/** Stages `file` for `purpose`; never throws (failures are result values, as from invoke). */
export async function uploadFile(file: File, purpose: FilePurpose): Promise<Result<Upload>> {
  const electron = bridge();
  if (electron?.uploadFile) {
    try {
      return await electron.uploadFile(file, purpose);
    } catch (cause) {
      return failure(cause instanceof Error ? cause.message : String(cause));
    }
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  try {
    const response = await fetch(`/api/upload?purpose=${encodeURIComponent(purpose)}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
    return (await response.json()) as Result<Upload>; // the door answers every upload with a result value
  } catch (cause) {
    return failure(cause instanceof Error ? cause.message : String(cause));
  }
}

export type UploadProgress = { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal };

/**
 * uploadFile with progress and cancel (attachments). Browser mode sends with XMLHttpRequest, the
 * one browser API that reports an upload's progress; the Electron app's core reads the file from
 * its path, so there is no progress to report there and a cancel only drops the answer (the staged
 * file is never used and expires). A cancelled upload answers CANCELLED.
 */
export async function uploadFileWithProgress(file: File, purpose: FilePurpose, { onProgress, signal }: UploadProgress): Promise<Result<Upload>> {
  const cancelled: Result<never> = { ok: false, error: { code: 'CANCELLED', message: 'files.upload: cancelled' } };
  if (signal?.aborted) return cancelled;
  if (bridge()?.uploadFile) {
    const answer = await uploadFile(file, purpose);
    return signal?.aborted ? cancelled : answer;
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?purpose=${encodeURIComponent(purpose)}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    // The door answers every upload with a result value, refusals included (413, 400, ...).
    xhr.onload = () => resolve(xhr.response && typeof xhr.response === 'object' ? (xhr.response as Result<Upload>) : failure(`status ${xhr.status}`));
    // The file could not be read as it was sent (moved, deleted), or the connection broke.
    xhr.onerror = () => resolve(failure('the file could not be sent'));
    xhr.onabort = () => resolve(cancelled);
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Where the page fetches a download from (an <img> source, a link). */
export function downloadUrl(download: Pick<Download, 'download'>): string {
  if (bridge()?.uploadFile) return `/api/download/${download.download}`; // the app's own protocol serves it
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  // An <img> cannot send a header: the token goes in the query, as for the event stream.
  return `/api/download/${download.download}?token=${encodeURIComponent(token)}`;
}
