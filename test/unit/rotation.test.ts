import { describe, expect, it } from 'vitest';
import { backupsToDelete } from '../../electron/core/areas/backup/rotation.ts';

const DAY = 86_400_000;

describe('backup rotation', () => {
  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months', () => {
    // Two backups a day (at 09:00 and 18:00) for 400 days.
    const start = new Date(2025, 0, 1, 9).getTime();
    const files = Array.from({ length: 800 }, (_, i) => ({ file: `b${i}`, createdAt: start + Math.floor(i / 2) * DAY + (i % 2) * 9 * 3_600_000 }));
    const deleted = new Set(backupsToDelete(files));
    const kept = files.filter((f) => !deleted.has(f.file));
    // 7 daily + up to 4 weekly + up to 12 monthly, overlapping: between 12 and 23 files.
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(kept.length).toBeLessThanOrEqual(23);
    const newest = files.at(-1)!;
    expect(kept).toContainEqual(newest);
    // Each of the last 7 days keeps exactly its evening backup.
    for (let d = 0; d < 7; d++) expect(kept.map((f) => f.file)).toContain(`b${799 - 2 * d}`);
    expect(kept.map((f) => f.file)).not.toContain('b798');
    // Nothing older than about a year survives except month representatives.
    const oldest = Math.min(...kept.map((f) => f.createdAt));
    expect(newest.createdAt - oldest).toBeLessThan(366 * DAY);
  });

  it('deletes nothing while there are few backups', () => {
    const files = [0, 1, 2].map((i) => ({ file: `f${i}`, createdAt: Date.UTC(2026, 5, 1 + i) }));
    expect(backupsToDelete(files)).toEqual([]);
  });
});
