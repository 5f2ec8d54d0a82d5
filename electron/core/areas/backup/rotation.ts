// Which automatic backups to keep: the newest of each of the last 7 days, of the last 4 weeks and
// of the last 12 months that have a backup (grandfather-father-son). Pure, so it is easy to test.

export type DatedFile = { file: string; createdAt: number };

function dayKey(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
}

/** ISO-8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
function weekKey(at: Date): string {
  const day = new Date(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return `${day.getUTCFullYear()}-W${Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
}

function monthKey(at: Date): string {
  return `${at.getFullYear()}-${at.getMonth()}`;
}

function newestPerPeriod(files: DatedFile[], key: (at: Date) => string, periods: number): Set<string> {
  const kept = new Set<string>();
  const seen = new Set<string>();
  for (const entry of [...files].sort((a, b) => b.createdAt - a.createdAt)) {
    const period = key(new Date(entry.createdAt));
    if (seen.has(period)) continue;
    seen.add(period);
    if (seen.size > periods) break;
    kept.add(entry.file);
  }
  return kept;
}

export function backupsToDelete(files: DatedFile[]): string[] {
  const keep = new Set([...newestPerPeriod(files, dayKey, 7), ...newestPerPeriod(files, weekKey, 4), ...newestPerPeriod(files, monthKey, 12)]);
  return files.filter((entry) => !keep.has(entry.file)).map((entry) => entry.file);
}
