import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { ROLES } from '../roles.ts';
import { Id } from './customers.ts';
import { Password, Username } from './credentials.ts';

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  /** Initial or reset password: the user must choose their own at the next sign-in. */
  mustChangePassword: z.boolean(),
  lastSignInAt: z.number().nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

const Version = z.number().int().min(1);

export const users = {
  'users.list': method({ input: z.object({}), output: z.array(User), permission: 'users.read' }),
  /** The new user must change the initial password at first sign-in. */
  'users.create': method({
    input: z.object({
      username: Username,
      displayName: z.string().trim().max(100).default(''),
      role: z.enum(ROLES),
      password: Password,
    }),
    output: User,
    permission: 'users.manage',
  }),
  /** CONFLICT with details.reason 'lastOwner' when it would leave no active owner. */
  'users.setRole': method({
    input: z.object({ id: Id, version: Version, role: z.enum(ROLES) }),
    output: User,
    permission: 'users.manage',
  }),
  'users.resetPassword': method({
    input: z.object({ id: Id, newPassword: Password }),
    output: User,
    permission: 'users.manage',
  }),
  /** Removes the user's key slot and ends their sessions. CONFLICT (details.reason 'lastOwner') for the last active owner. */
  'users.deactivate': method({ input: z.object({ id: Id, version: Version }), output: User, permission: 'users.manage' }),
  /** A new key slot with a new (initial) password. */
  'users.reactivate': method({
    input: z.object({ id: Id, version: Version, newPassword: Password }),
    output: User,
    permission: 'users.manage',
  }),
};

export const usersArea = defineArea({ methods: users, auditEntities: ['user'], auditActions: ['user.create', 'user.roleChanged', 'user.passwordReset', 'user.deactivated', 'user.reactivated'] });
