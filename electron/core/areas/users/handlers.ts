// The owner's user management. Each change of a user row and its audit entry share a transaction;
// the key slot (keyslots.json) is written inside it, so a failed write undoes the row change too.
import { transaction } from '../../db/sql.ts';
import { appendAudit } from '../audit/service.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { ensureAnotherActiveOwner, getUser, insertUser, listUsers, updateUser } from './service.ts';
import { prepareSlot, removeUserSlot, storeUserSlot } from '../../vault.ts';
import type { HandlerContext } from '../../api/context.ts';
import { caller, closeWhenUnused, databaseKey, db, endSessionsOf, type Handlers } from '../../api/handler-kit.ts';
import type { User } from '../../../../shared/api/users.ts';
import type { AuditAction } from '../../../../shared/api/contract.ts';
import type { FieldChange } from '../audit/service.ts';

function auditUser(ctx: HandlerContext, action: AuditAction, user: User, changes: FieldChange[] = []): void {
  const who = caller(ctx);
  appendAudit(db(ctx), { at: ctx.state.clock(), userId: who.userId, username: who.username, action, entity: 'user', entityId: user.id, label: user.username, changes });
}

export const userHandlers = {
  'users.list': (ctx) => listUsers(db(ctx)),

  'users.create': async (ctx, input) => {
    checkPassword(input.password, input.username, 'password');
    const slot = await prepareSlot(databaseKey(ctx), input.password);
    const database = db(ctx);
    return transaction(database, () => {
      const user = insertUser(database, { username: input.username, displayName: input.displayName, role: input.role, mustChangePassword: true }, ctx.state.clock());
      auditUser(ctx, 'user.create', user, [{ field: 'role', before: null, after: user.role }]);
      storeUserSlot(ctx.state.dataDir, { userId: user.id, username: user.username }, slot);
      return user;
    });
  },

  'users.setRole': (ctx, input) => {
    const database = db(ctx);
    return transaction(database, () => {
      const before = getUser(database, input.id);
      if (before.role === 'owner' && input.role !== 'owner' && before.active) ensureAnotherActiveOwner(database, before.id);
      const user = updateUser(database, input.id, input.version, { role: input.role }, ctx.state.clock());
      if (before.role !== user.role) auditUser(ctx, 'user.roleChanged', user, [{ field: 'role', before: before.role, after: user.role }]);
      return user;
    });
  },

  'users.resetPassword': async (ctx, input) => {
    const target = getUser(db(ctx), input.id);
    checkPassword(input.newPassword, target.username, 'newPassword');
    const slot = await prepareSlot(databaseKey(ctx), input.newPassword);
    const database = db(ctx);
    const user = transaction(database, () => {
      const updated = updateUser(database, input.id, null, { must_change_password: 1 }, ctx.state.clock());
      auditUser(ctx, 'user.passwordReset', updated);
      if (updated.active) storeUserSlot(ctx.state.dataDir, { userId: updated.id, username: updated.username }, slot);
      return updated;
    });
    endSessionsOf(ctx.state, user.id, ctx.sessionKey);
    return user;
  },

  'users.deactivate': (ctx, input) => {
    const database = db(ctx);
    const user = transaction(database, () => {
      const before = getUser(database, input.id);
      if (before.role === 'owner' && before.active) ensureAnotherActiveOwner(database, before.id);
      const updated = updateUser(database, input.id, input.version, { active: 0 }, ctx.state.clock());
      auditUser(ctx, 'user.deactivated', updated, [{ field: 'active', before: before.active, after: false }]);
      removeUserSlot(ctx.state.dataDir, updated.id);
      return updated;
    });
    endSessionsOf(ctx.state, user.id);
    closeWhenUnused(ctx.state);
    return user;
  },

  'users.reactivate': async (ctx, input) => {
    const target = getUser(db(ctx), input.id);
    checkPassword(input.newPassword, target.username, 'newPassword');
    const slot = await prepareSlot(databaseKey(ctx), input.newPassword);
    const database = db(ctx);
    return transaction(database, () => {
      const updated = updateUser(database, input.id, input.version, { active: 1, must_change_password: 1 }, ctx.state.clock());
      auditUser(ctx, 'user.reactivated', updated, [{ field: 'active', before: target.active, after: true }]);
      storeUserSlot(ctx.state.dataDir, { userId: updated.id, username: updated.username }, slot);
      return updated;
    });
  },
} satisfies Partial<Handlers>;
