import { z } from 'zod';
import { method } from './method.ts';
import { PERMISSIONS, ROLES } from '../roles.ts';
import { Id } from './customers.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const Username = z
  .string()
  .trim()
  // Accents typed as letter + combining mark (macOS, some IMEs) are stored composed; shared/usernames.ts decides sameness.
  .normalize('NFC')
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'username' });
/**
 * At least 10 characters. The core also refuses the user name and the 10,000 most common
 * passwords (VALIDATION with message 'containsUsername' / 'commonPassword' on the field).
 */
export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

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

export const Settings = z.object({
  /** Staff see only the customers they are responsible for (and everything linked to them). */
  staffScope: z.boolean(),
  /** Staff and viewers see phone numbers and e-mail addresses masked (138****1234). */
  maskContacts: z.boolean(),
  /** Lock the app after this many idle minutes; 0 = never. */
  idleLockMinutes: z.number().int().min(0).max(1440),
});
export type Settings = z.infer<typeof Settings>;

export const SessionInfo = z.object({
  user: User,
  permissions: z.array(z.enum(PERMISSIONS)),
  shopName: z.string(),
  settings: Settings,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const Version = z.number().int().min(1);

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

  'settings.get': method({ input: z.object({}), output: Settings, permission: 'signedIn' }),
  'settings.update': method({ input: Settings.partial(), output: Settings, permission: 'settings.manage' }),

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
