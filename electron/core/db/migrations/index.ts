// The explicit, ordered list of migrations, and the runner. A database newer than the app is refused.
import { AppFailure } from '../../../../shared/errors.ts';
import type { SqliteDatabase } from '../sqlite/open.ts';
import type { Migration } from './migration.ts';
import { migration0001 } from './0001-initial.ts';
import { migration0002 } from './0002-access-control.ts';
import { migration0003 } from './0003-backup.ts';
import { migration0004 } from './0004-customer-sorts.ts';
import { migration0005 } from './0005-search-columns.ts';
import { migration0006 } from './0006-blobs.ts';
import { migration0007 } from '../../areas/tags/migrations/0007-tag-colours.ts';
import { migration0008 } from '../../areas/contracts/migrations/0008-contracts.ts';
import { migration0009 } from '../../areas/attachments/migrations/0009-attachments.ts';
import { migration0010 } from '../../areas/search/migrations/0010-contract-search.ts';
import { migration0011 } from '../../areas/records/migrations/0011-records.ts';
import { migration0012 } from '../../areas/visits/migrations/0012-visits.ts';
import { migration0013 } from '../../areas/standards/migrations/0013-standards.ts';
import { migration0014 } from '../../areas/surveys/migrations/0014-surveys.ts';
import { migration0015 } from '../../areas/complaints/migrations/0015-complaints.ts';
import { migration0016 } from '../../areas/care/migrations/0016-care.ts';
import { migration0017 } from '../../areas/today/migrations/0017-inbox-marks.ts';
import { migration0018 } from '../../areas/today/migrations/0018-today-indexes.ts';
import { migration0019 } from '../../areas/care/migrations/0019-anniversaries-index.ts';
import { migration0020 } from '../../areas/imports/migrations/0020-imports.ts';
import { migration0021 } from '../../areas/duplicates/migrations/0021-merges.ts';
import { migration0022 } from '../../areas/sales/migrations/0022-sales.ts';
import { migration0023 } from '../../areas/grading/migrations/0023-grading.ts';
import { migration0024 } from '../../areas/churn/migrations/0024-churn.ts';
import { migration0025 } from '../../areas/imports/migrations/0025-import-sales.ts';
import { migration0026 } from '../../areas/needs/migrations/0026-needs.ts';
import { migration0027 } from '../../areas/competitors/migrations/0027-competitors.ts';
import { migration0028 } from '../../areas/events/migrations/0028-events.ts';
import { migration0029 } from '../../areas/loyalty/migrations/0029-loyalty.ts';
import { migration0030 } from '../../areas/stories/migrations/0030-stories.ts';
import { migration0031 } from '../../areas/holidays/migrations/0031-holidays.ts';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022, migration0023, migration0024, migration0025, migration0026, migration0027, migration0028, migration0029, migration0030, migration0031];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersionOf(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to `target` (default: this app's version), one transaction per step. */
export function migrate(db: SqliteDatabase, target = SCHEMA_VERSION): void {
  const current = schemaVersionOf(db);
  if (current > SCHEMA_VERSION) {
    throw new AppFailure(
      'UNSUPPORTED_VERSION',
      `database: schema version ${current} is newer than this app supports (${SCHEMA_VERSION}); please update Clientele`,
    );
  }
  for (const step of MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    // Immediate, and the version read again under the write lock: another process opening the
    // same folder at the same moment may have run this step already.
    db.transaction(() => {
      if (schemaVersionOf(db) >= step.version) return;
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}
