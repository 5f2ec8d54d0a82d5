// Swapping a verified backup in, so that a crash at any moment leaves the data folder holding
// either the old data or the new data entirely. A marker file records the plan and the phase; the
// next start finishes what was begun (every step can be repeated safely).
import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../../../shared/errors.ts';
import { KEYSLOTS_FILE } from '../../crypto/keyslots.ts';
import { engine } from '../../db/engine.ts';
import { DATABASE_FILE } from '../../vault.ts';

export const RESTORE_MARKER = 'restore.json';
export const RESTORE_WORK_DIR = '.restore-work';

/** The files that make up the data: moved aside together, replaced together. */
const CURRENT_FILES = [...engine.databaseFiles(DATABASE_FILE), KEYSLOTS_FILE];
const RESTORED_FILES = [DATABASE_FILE, KEYSLOTS_FILE];

type Plan = { phase: 'aside' | 'install'; workDir: string; asideDir: string };

const PlanSchema = z.object({ phase: z.enum(['aside', 'install']), workDir: z.string().max(4096), asideDir: z.string().max(4096) }) satisfies z.ZodType<Plan>;

/** The names swapIn gives the folder the old data goes to. */
const ASIDE_NAME = /^before-restore-\d{4}-\d{2}-\d{2}_\d{6}$/;

/**
 * The marker's plan, checked: it says which folders to move files out of and to delete, so it may
 * name only the folders a restore uses, inside this data folder (by name: the folder may have been
 * reached by another path when the marker was written). Anything else is CORRUPT, touching nothing.
 */
function readPlan(dataDir: string, marker: string): Plan {
  const damaged = () =>
    new AppFailure(
      'CORRUPT',
      `restore: ${marker}, the record of an interrupted restore, is damaged; the data folder may be incomplete (the data from before the restore is under backups/before-restore-…): remove ${RESTORE_MARKER} and restore from the backup again`,
    );
  let json: unknown;
  try {
    if (statSync(marker).size > 64 * 1024) throw damaged();
    json = JSON.parse(readFileSync(marker, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof AppFailure) throw damaged();
    throw error; // the file system's own failure (permissions): said as such by the core
  }
  const parsed = PlanSchema.safeParse(json);
  if (!parsed.success || basename(parsed.data.workDir) !== RESTORE_WORK_DIR || !ASIDE_NAME.test(basename(parsed.data.asideDir))) throw damaged();
  return { phase: parsed.data.phase, workDir: join(dataDir, RESTORE_WORK_DIR), asideDir: join(dataDir, 'backups', basename(parsed.data.asideDir)) };
}

function writeDurably(file: string, text: string): void {
  writeFileSync(file, text);
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function stamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}_${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/**
 * Moves the current data to backups/before-restore-<time> and the restored files from `workDir`
 * into place. Returns the folder the old data went to, or null when there was none.
 */
export function swapIn(dataDir: string, workDir: string, now: number): string | null {
  const hadData = CURRENT_FILES.some((name) => existsSync(join(dataDir, name)));
  const asideDir = join(dataDir, 'backups', `before-restore-${stamp(new Date(now))}`);
  const plan: Plan = { phase: 'aside', workDir, asideDir };
  writeDurably(join(dataDir, RESTORE_MARKER), JSON.stringify(plan));
  finishSwap(dataDir, plan);
  return hadData ? asideDir : null;
}

function finishSwap(dataDir: string, plan: Plan): void {
  const marker = join(dataDir, RESTORE_MARKER);
  if (plan.phase === 'aside') {
    mkdirSync(plan.asideDir, { recursive: true, mode: 0o700 });
    for (const name of CURRENT_FILES) {
      if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(plan.asideDir, name));
    }
    plan.phase = 'install';
    writeDurably(marker, JSON.stringify(plan));
  }
  for (const name of RESTORED_FILES) {
    if (existsSync(join(plan.workDir, name))) renameSync(join(plan.workDir, name), join(dataDir, name));
  }
  rmSync(marker, { force: true });
  rmSync(plan.workDir, { recursive: true, force: true });
}

/**
 * At start: a restore that was interrupted after its marker was written is finished. One that
 * never wrote its marker left only a work folder, which is removed.
 */
export function finishInterruptedRestore(dataDir: string): void {
  const marker = join(dataDir, RESTORE_MARKER);
  if (existsSync(marker)) {
    finishSwap(dataDir, readPlan(dataDir, marker));
  }
  rmSync(join(dataDir, RESTORE_WORK_DIR), { recursive: true, force: true });
}
