import type { Migration } from '../../../db/migrations/migration.ts';

/**
 * Service standards per grade (服务标准; areas/standards) and the shop's own corrections to the
 * working calendar.
 *
 * A standard says how often a customer of a grade should hear from us (return-visit cadence, days)
 * and how fast a complaint must be answered (response deadline, hours). Whether deadlines count
 * every hour or only the hours of working days is the setting `standards.workingDays` ('1'/'0').
 *
 * Weekends, China's statutory holidays and the make-up working days (调休) come from tyme4ts
 * (LegalHoliday) for the years it knows; `calendar_days` holds the owner's corrections, which win:
 * a day listed here is a day off ('holiday') or a working day ('workday') whatever the library says.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'service standards',
  up: (db) => {
    db.exec(`
      CREATE TABLE service_standards (
        grade TEXT PRIMARY KEY CHECK (grade IN ('vip', 'key', 'normal', 'potential')),
        return_days INTEGER NOT NULL CHECK (return_days BETWEEN 1 AND 3650),
        response_hours INTEGER NOT NULL CHECK (response_hours BETWEEN 1 AND 8760),
        updated_at INTEGER NOT NULL,
        updated_by INTEGER REFERENCES users (id),
        version INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      INSERT INTO service_standards (grade, return_days, response_hours, updated_at) VALUES
        ('vip', 30, 24, 0), ('key', 60, 48, 0), ('normal', 90, 72, 0), ('potential', 90, 72, 0);

      CREATE TABLE calendar_days (
        day TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        updated_by INTEGER REFERENCES users (id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
