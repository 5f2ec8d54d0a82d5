// The owner's user management. Each change of a user row and its audit entry share a transaction;
// the key slot (keyslots.json) is written inside it, so a failed write undoes the row change too.
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { ensureAnotherActiveOwner, getUser, insertUser, listUsers, updateUser } from './service.ts';
import { prepareSlot, removeUserSlot, storeUserSlot } from '../../vault.ts';
import type { HandlerContext } from '../../api/context.ts';
import { caller, closeWhenUnused, databaseKey, db, endSessionsOf, type Handlers } from '../../api/handler-kit.ts';
import type { User } from '../../../../shared/api/users.ts';
import type { AuditAction } from '../../../../shared/api/contract.ts';
import type { FieldChange } from '../audit/service.ts';

function auditUser(ctx: HandlerContext, tx: Db, action: AuditAction, user: User, changes: FieldChange[] = []): Promise<void> {
  const who = caller(ctx);
  return appendAudit(tx, { at: ctx.state.clock(), userId: who.userId, username: who.username, action, entity: 'user', entityId: user.id, label: user.username, changes });
}

export const userHandlers = {
  'users.list': (ctx) => listUsers(db(ctx)),

  'users.create': async (ctx, input) => {
    checkPassword(input.password, input.username, 'password');
    const slot = await prepareSlot(databaseKey(ctx), input.password);
    return transaction(db(ctx), async (tx) => {
      const user = await insertUser(tx, { username: input.username, displayName: input.displayName, role: input.role, mustChangePassword: true }, ctx.state.clock());
      await auditUser(ctx, tx, 'user.create', user, [{ field: 'role', before: null, after: user.role }]);
      storeUserSlot(ctx.state.dataDir, { userId: user.id, username: user.username }, slot);
      return user;
    });
  },

  'users.setRole': (ctx, input) =>
    transaction(db(ctx), async (tx) => {
      const before = await getUser(tx, input.id);
      if (before.role === 'owner' && input.role !== 'owner' && before.active) await ensureAnotherActiveOwner(tx, before.id);
      const user = await updateUser(tx, input.id, input.version, { role: input.role }, ctx.state.clock());
      if (before.role !== user.role) await auditUser(ctx, tx, 'user.roleChanged', user, [{ field: 'role', before: before.role, after: user.role }]);
      return user;
    }),

  'users.resetPassword': async (ctx, input) => {
    const target = await getUser(db(ctx), input.id);
    checkPassword(input.newPassword, target.username, 'newPassword');
    const slot = await prepareSlot(databaseKey(ctx), input.newPassword);
    const user = await transaction(db(ctx), async (tx) => {
      const updated = await updateUser(tx, input.id, null, { must_change_password: 1 }, ctx.state.clock());
      await auditUser(ctx, tx, 'user.passwordReset', updated);
      if (updated.active) storeUserSlot(ctx.state.dataDir, { userId: updated.id, username: updated.username }, slot);
      return updated;
    });
    endSessionsOf(ctx.state, user.id, ctx.sessionKey);
    return user;
  },

  'users.deactivate': async (ctx, input) => {
    const user = await transaction(db(ctx), async (tx) => {
      const before = await getUser(tx, input.id);
      if (before.role === 'owner' && before.active) await ensureAnotherActiveOwner(tx, before.id);
      const updated = await updateUser(tx, input.id, input.version, { active: 0 }, ctx.state.clock());
      await auditUser(ctx, tx, 'user.deactivated', updated, [{ field: 'active', before: before.active, after: false }]);
      removeUserSlot(ctx.state.dataDir, updated.id);
      return updated;
    });
    endSessionsOf(ctx.state, user.id);
    closeWhenUnused(ctx.state);
    return user;
  },

  'users.reactivate': async (ctx, input) => {
    const target = await getUser(db(ctx), input.id);
    checkPassword(input.newPassword, target.username, 'newPassword');
    const slot = await prepareSlot(databaseKey(ctx), input.newPassword);
    return transaction(db(ctx), async (tx) => {
      const updated = await updateUser(tx, input.id, input.version, { active: 1, must_change_password: 1 }, ctx.state.clock());
      await auditUser(ctx, tx, 'user.reactivated', updated, [{ field: 'active', before: target.active, after: true }]);
      storeUserSlot(ctx.state.dataDir, { userId: updated.id, username: updated.username }, slot);
      return updated;
    });
  },
} satisfies Partial<Handlers>;
