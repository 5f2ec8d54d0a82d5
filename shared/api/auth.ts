import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { PERMISSIONS } from '../roles.ts';
import { Password, Username } from './credentials.ts';
import { Settings } from './settings.ts';
import { User } from './users.ts';



export const SessionInfo = z.object({
  user: User,
  permissions: z.array(z.enum(PERMISSIONS)),
  shopName: z.string(),
  settings: Settings,
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
  /** Errors: BAD_PASSWORD (details.attemptsLeft), LOCKED_OUT (details.retryAt, details.retryInSeconds). */
  'auth.signIn': method({
    input: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
    output: SessionInfo,
    permission: 'public',
  }),
  /** Ends this door's session (also what "lock" and "switch user" do; the UI keeps its state for lock). */
  'auth.signOut': method({ input: z.object({}), output: z.object({}), permission: 'signedIn' }),
  'auth.session': method({ input: z.object({}), output: SessionInfo.nullable(), permission: 'public' }),
  /** Set-up's recovery key, to this session only, until acknowledged (null once it was, or for anyone else). */
  'setup.pendingRecoveryKey': method({
    input: z.object({}),
    output: z.object({ recoveryKey: z.string(), createdAt: z.number() }).nullable(),
    permission: 'signedIn',
  }),
  /** "I have stored it": the core forgets the recovery key. */
  'setup.acknowledgeRecoveryKey': method({ input: z.object({}), output: z.object({}), permission: 'signedIn' }),
  /** Own password: old + new. Allowed while PASSWORD_CHANGE_REQUIRED. */
  'auth.changePassword': method({
    input: z.object({ oldPassword: z.string().min(1).max(200), newPassword: Password }),
    output: SessionInfo,
    permission: 'signedIn',
  }),
  /** "Forgot the owner password": the recovery key sets a new password for an owner and signs in. */
  'auth.recover': method({
    input: z.object({ username: z.string().trim().min(1).max(40), recoveryKey: z.string().trim().min(10).max(100), newPassword: Password }),
    output: SessionInfo,
    permission: 'public',
  }),
};

export const authArea = defineArea({ methods: auth, auditEntities: ['session'], auditActions: ['setup.create', 'auth.signIn', 'auth.signInFailed', 'auth.lockedOut', 'auth.signOut', 'auth.passwordChanged', 'auth.recovered'] });
