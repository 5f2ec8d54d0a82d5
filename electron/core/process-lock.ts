// Which processes have this data folder open. The app, browser mode and every CLI command may run
// at once on one folder; each core that opens the database writes its own entry under locks/ and
// removes only that entry, so one process stopping never releases another's hold. A restore or a
// re-key needs the folder alone: it writes an exclusive entry and refuses while any other entry
// exists; opening the database refuses while someone else's exclusive entry exists. Both write
// their entry before they look, so of two racing processes at least one sees the other.
// Entries of processes that no longer run (killed) are ignored and removed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataFolderHolder } from '../../shared/error-details.ts';

export const LOCKS_DIR = 'locks';

/** One entry: its shape is shared, since CONFLICT and IO details name the holders to the renderer. */
export type Holder = DataFolderHolder;

/** The app (Electron), browser mode (`clientele serve`), or a one-shot CLI command. */
export type HolderKind = Holder['kind'];

/** Larger than any entry hold() writes. */
const MAX_ENTRY_BYTES = 4096;

/**
 * An entry as written by hold(), or null for anything else (half a file, another program's file,
 * a hostile one): such an entry names no process, so it holds nothing and is left alone.
 */
function readEntry(file: string): Holder | null {
  try {
    if (statSync(file).size > MAX_ENTRY_BYTES) return null;
    const parsed = DataFolderHolder.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // removed meanwhile, or not JSON
  }
}

/** This process's entry: the file it wrote, removed by `release` and by nothing else. */
export type Hold = { file: string; holder: Holder };

const ENTRY = /^\d+-[0-9a-f]{16}\.json$/;

export function hold(dataDir: string, holder: Omit<Holder, 'pid'>): Hold {
  const dir = join(dataDir, LOCKS_DIR);
  const name = `${process.pid}-${randomBytes(8).toString('hex')}.json`;
  const entry: Holder = { pid: process.pid, ...holder };
  // Written under a temporary name and renamed, so a reader never sees half an entry. The folder
  // may be removed by the last holder leaving (release) between mkdir and write: then again.
  const temp = join(dir, `.${name}.tmp`);
  for (let attempt = 1; ; attempt++) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(temp, JSON.stringify(entry), { mode: 0o600 });
      renameSync(temp, join(dir, name));
      return { file: join(dir, name), holder: entry };
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT' || attempt === 3) throw error;
    }
  }
}

/** Removes this process's entry (only it), and locks/ itself when it was the last one. */
export function release(held: Hold): void {
  rmSync(held.file, { force: true });
  try {
    rmdirSync(dirname(held.file)); // fails while other entries are there: that is the point
  } catch {
    // others still hold the folder
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // exists, owned by another user
  }
}

/** Everyone else holding the folder (other processes, and other cores of this one), oldest first. */
export function otherHolders(dataDir: string, mine: readonly (Hold | null)[]): Holder[] {
  const dir = join(dataDir, LOCKS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => ENTRY.test(name));
  } catch {
    return [];
  }
  const own = new Set(mine.filter((held) => held !== null).map((held) => held.file));
  const others: Holder[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (own.has(file)) continue;
    const holder = readEntry(file);
    if (!holder) continue;
    if (!processAlive(holder.pid)) {
      rmSync(file, { force: true }); // its process was killed without releasing it
      continue;
    }
    others.push(holder);
  }
  return others.sort((a, b) => a.since - b.since);
}

/** "browser mode (process 123), clientele backup (process 456)": for messages from the core. */
export function describeHolders(holders: readonly Holder[]): string {
  const name = (holder: Holder) => (holder.kind === 'app' ? 'the app' : holder.kind === 'serve' ? 'browser mode' : `clientele ${holder.command ?? ''}`.trim());
  return holders.map((holder) => `${name(holder)} (process ${holder.pid})`).join(', ');
}
