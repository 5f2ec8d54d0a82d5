// Staff accounts inside the encrypted database. Their key slots live in keyslots.json (crypto/).
import { AppFailure } from '../../../shared/errors.ts';
import type { User } from '../../../shared/api/auth.ts';
import type { Role } from '../../../shared/roles.ts';
import { all, first, qb, run, type Db } from '../db/sql.ts';

function toUser(row: { id: number; username: string; display_name: string; role: Role; active: number }): User {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, active: row.active === 1 };
}

const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'active'] as const;

export function listUsers(db: Db): User[] {
  return all(db, qb.selectFrom('users').select(USER_COLUMNS).orderBy('display_name')).map(toUser);
}

export function findUser(db: Db, id: number): User | undefined {
  const row = first(db, qb.selectFrom('users').select(USER_COLUMNS).where('id', '=', id));
  return row && toUser(row);
}

export function insertUser(db: Db, draft: { username: string; displayName: string; role: Role }, now: number): User {
  const taken = first(db, qb.selectFrom('users').select('id').where('username', '=', draft.username));
  if (taken) throw new AppFailure('CONFLICT', `user name "${draft.username}" is taken`, [{ path: ['username'], message: 'taken' }]);
  const { lastInsertRowid } = run(
    db,
    qb.insertInto('users').values({
      username: draft.username,
      display_name: draft.displayName || draft.username,
      role: draft.role,
      active: 1,
      created_at: now,
      updated_at: now,
    }),
  );
  return findUser(db, lastInsertRowid)!; // just inserted in this transaction
}
