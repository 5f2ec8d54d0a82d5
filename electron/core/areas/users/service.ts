// Staff accounts inside the encrypted database. Their key slots live in keyslots.json (vault.ts);
// the handlers keep the two in step.
import type { Selectable } from 'kysely';
import { AppFailure } from '../../../../shared/errors.ts';
import type { User } from '../../../../shared/api/users.ts';
import type { Role } from '../../../../shared/roles.ts';
import { sameUsername } from '../../../../shared/usernames.ts';
import type { Db } from '../../db/database.ts';
import type { UsersTable } from '../../db/schema.ts';

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    lastSignInAt: row.last_sign_in_at,
    version: row.version,
  };
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('display_name').execute()).map(toUser);
}

export async function findUser(db: Db, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function getUser(db: Db, id: number): Promise<User> {
  const user = await findUser(db, id);
  if (!user) throw new AppFailure('NOT_FOUND', `user ${id} does not exist`);
  return user;
}

/** Call inside a write transaction (the name check and the insert must not race). */
export async function insertUser(db: Db, draft: { username: string; displayName: string; role: Role; mustChangePassword: boolean }, now: number): Promise<User> {
  // Names that normalise alike (case, accents composed or not, Kelvin sign, full width) are one name:
  // compared in JS (SQLite knows no NFKC) inside the caller's write transaction, so it cannot race.
  const clash = (await db.selectFrom('users').select('username').execute()).find((row) => sameUsername(row.username, draft.username));
  if (clash) {
    const message = clash.username === draft.username ? 'taken' : 'takenLookAlike';
    throw new AppFailure('CONFLICT', `user name "${draft.username}" is taken (by "${clash.username}")`, [{ path: ['username'], message }]);
  }
  const row = await db
    .insertInto('users')
    .values({
      username: draft.username,
      display_name: draft.displayName || draft.username,
      role: draft.role,
      active: 1,
      must_change_password: draft.mustChangePassword ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Updates a user row if its version still matches; CONFLICT otherwise. Call inside a write transaction. */
export async function updateUser(
  db: Db,
  id: number,
  version: number | null,
  changes: Partial<{ role: Role; active: number; must_change_password: number; last_sign_in_at: number }>,
  now: number,
): Promise<User> {
  const current = await getUser(db, id);
  if (version !== null && current.version !== version) {
    throw new AppFailure('CONFLICT', `user ${current.username} was changed by someone else; reload and try again`);
  }
  const row = await db
    .updateTable('users')
    .set({ ...changes, updated_at: now, version: current.version + 1 })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** The shop must keep an active owner: refuse a change that would leave none. */
export async function ensureAnotherActiveOwner(db: Db, userId: number): Promise<void> {
  const others = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .where('active', '=', 1)
    .where('id', '!=', userId)
    .executeTakeFirst();
  if ((others?.n ?? 0) === 0) {
    throw new AppFailure('CONFLICT', 'this is the last active owner; make someone else an owner first', { reason: 'lastOwner' });
  }
}
