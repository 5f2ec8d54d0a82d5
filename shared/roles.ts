// The permission table: one source of truth for the core (which enforces it) and the UI (which
// only hides what the core would refuse). Row-level rules (staff delete only what they created;
// the "staff see only their customers" setting) live in the services' queries, not here.
export const ROLES = ['owner', 'manager', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers.read',
  'customers.write',
  'customers.delete',
  'customers.purge',
  'users.read',
  'users.manage',
  'settings.manage',
  'audit.read',
  'data.export',
  'reports.read',
  'print',
  'system.status',
  'system.check',
  'system.seed',
  'system.rekey',
  'backup.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Methods open to anyone who can reach a door (set-up and sign-in) or to any signed-in user. */
export type Access = Permission | 'public' | 'signedIn';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  manager: ['customers.read', 'customers.write', 'customers.delete', 'users.read', 'data.export', 'reports.read', 'print', 'system.status', 'system.check'],
  staff: ['customers.read', 'customers.write', 'customers.delete', 'users.read', 'print'],
  viewer: ['customers.read', 'users.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles that see phone numbers and e-mail addresses masked when the owner turns masking on. */
export const MASKED_ROLES: readonly Role[] = ['staff', 'viewer'];
/** Roles limited to their own customers when the owner turns the scope setting on. */
export const SCOPED_ROLES: readonly Role[] = ['staff'];
