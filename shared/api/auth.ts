import { z } from 'zod';
import { method } from './method.ts';
import { PERMISSIONS, ROLES } from '../roles.ts';
import { Id } from './customers.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const Username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'username' });
export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

export const SessionInfo = z.object({
  user: User,
  permissions: z.array(z.enum(PERMISSIONS)),
  shopName: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const auth = {
  'setup.status': method({
    input: z.object({}),
    output: z.object({ initialised: z.boolean(), shopName: z.string().nullable() }),
    permission: 'public',
  }),
  /** Creates the encrypted database and the owner, signs the owner in, returns the recovery key once. */
  'setup.create': method({
    input: z.object({
      shopName: z.string().trim().min(1).max(100),
      ownerUsername: Username,
      ownerDisplayName: z.string().trim().max(100).default(''),
      password: Password,
      sampleData: z.boolean().default(false),
    }),
    output: z.object({ recoveryKey: z.string(), session: SessionInfo }),
    permission: 'public',
  }),
  'auth.signIn': method({
    input: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
    output: SessionInfo,
    permission: 'public',
  }),
  'auth.signOut': method({ input: z.object({}), output: z.object({}), permission: 'signedIn' }),
  'auth.session': method({ input: z.object({}), output: SessionInfo.nullable(), permission: 'public' }),
  'users.list': method({ input: z.object({}), output: z.array(User), permission: 'users.read' }),
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
};
