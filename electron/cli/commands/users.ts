// `clientele users ...` and `clientele passwd`: user management by the owner, and one's own password.
import { ROLES, type Role } from '../../../shared/roles.ts';
import type { User } from '../../../shared/api/users.ts';
import { call, CliError, print, readNewPassword, signIn, table, type CliContext } from '../session.ts';
import { sameUsername } from '../../../shared/usernames.ts';

function describeUser(user: User): string {
  const state = [user.active ? 'active' : 'deactivated', ...(user.mustChangePassword ? ['must change password'] : [])].join(', ');
  return `${user.username} (${user.role}, ${state})`;
}

function nameArg(ctx: CliContext, command: string): string {
  const name = ctx.args[0];
  if (!name) throw new CliError('VALIDATION', `users ${command} needs a user name: clientele users ${command} NAME`);
  return name;
}

function roleOption(ctx: CliContext, command: string): Role {
  const role = ctx.options.role;
  if (!role) throw new CliError('VALIDATION', `users ${command} needs --role ${ROLES.join('|')}`);
  return role as Role; // the core validates it against the contract's list
}

/** The user with this name (any case or Unicode form), for the id and version the core's methods take. */
async function findUser(ctx: CliContext, name: string): Promise<User> {
  const user = (await call(ctx, 'users.list', {})).find((u) => sameUsername(u.username, name));
  if (!user) throw new CliError('NOT_FOUND', `no user named "${name}"`);
  return user;
}

async function list(ctx: CliContext): Promise<number> {
  const users = await call(ctx, 'users.list', {});
  const when = (at: number | null) => (at === null ? '-' : new Date(at).toISOString().slice(0, 16).replace('T', ' '));
  const rows = users.map((u) => [u.username, u.displayName, u.role, u.active ? 'yes' : 'no', u.mustChangePassword ? 'yes' : 'no', when(u.lastSignInAt)]);
  print(ctx, users, table(['user', 'display name', 'role', 'active', 'must change password', 'last sign-in (UTC)'], rows));
  return 0;
}

async function add(ctx: CliContext): Promise<number> {
  const username = nameArg(ctx, 'add');
  const role = roleOption(ctx, 'add');
  const password = await readNewPassword(`Initial password for ${username} (at least 10 characters; they must change it at first sign-in): `);
  const user = await call(ctx, 'users.create', { username, role, displayName: ctx.options['display-name'] ?? '', password });
  print(ctx, user, `added ${describeUser(user)}`);
  return 0;
}

async function setRole(ctx: CliContext): Promise<number> {
  const role = roleOption(ctx, 'set-role');
  const user = await findUser(ctx, nameArg(ctx, 'set-role'));
  const changed = await call(ctx, 'users.setRole', { id: user.id, version: user.version, role });
  print(ctx, changed, `${changed.username}: ${user.role} → ${changed.role}`);
  return 0;
}

async function resetPassword(ctx: CliContext): Promise<number> {
  const user = await findUser(ctx, nameArg(ctx, 'reset-password'));
  const newPassword = await readNewPassword(`New password for ${user.username} (they must change it at next sign-in): `);
  const changed = await call(ctx, 'users.resetPassword', { id: user.id, newPassword });
  print(ctx, changed, `reset the password of ${describeUser(changed)}`);
  return 0;
}

async function deactivate(ctx: CliContext): Promise<number> {
  const user = await findUser(ctx, nameArg(ctx, 'deactivate'));
  const changed = await call(ctx, 'users.deactivate', { id: user.id, version: user.version });
  print(ctx, changed, `deactivated ${changed.username}: their key slot is removed and their sessions ended (consider \`clientele rekey\`)`);
  return 0;
}

async function reactivate(ctx: CliContext): Promise<number> {
  const user = await findUser(ctx, nameArg(ctx, 'reactivate'));
  const newPassword = await readNewPassword(`New password for ${user.username} (they must change it at next sign-in): `);
  const changed = await call(ctx, 'users.reactivate', { id: user.id, version: user.version, newPassword });
  print(ctx, changed, `reactivated ${describeUser(changed)}`);
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CliContext) => Promise<number>> = {
  list,
  add,
  'set-role': setRole,
  'reset-password': resetPassword,
  deactivate,
  reactivate,
};

export async function users(ctx: CliContext, sub: string | undefined): Promise<number> {
  const run = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new CliError('VALIDATION', `users needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  await signIn(ctx);
  return run(ctx);
}

/** One's own password: the old one from CLIENTELE_PASSWORD, the new one from CLIENTELE_NEW_PASSWORD. */
export async function passwd(ctx: CliContext): Promise<number> {
  const { password: oldPassword } = await signIn(ctx, { allowPasswordChange: true });
  const newPassword = await readNewPassword(`New password for ${ctx.options.user} (at least 10 characters): `);
  if (newPassword === oldPassword) throw new CliError('VALIDATION', 'the new password is the same as the old one');
  const session = await call(ctx, 'auth.changePassword', { oldPassword, newPassword });
  print(ctx, session.user, `changed the password of ${session.user.username}`);
  return 0;
}
