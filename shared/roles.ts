// The permission table: one source of truth for the core (which enforces it) and the UI (which
// only hides what the core would refuse).
export const ROLES = ['owner', 'manager', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers.read',
  'customers.write',
  'customers.delete',
  'users.read',
  'users.manage',
  'system.status',
  'system.check',
  'system.seed',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Methods open to anyone who can reach a door (set-up and sign-in) or to any signed-in user. */
export type Access = Permission | 'public' | 'signedIn';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  manager: ['customers.read', 'customers.write', 'customers.delete', 'users.read', 'system.status', 'system.check'],
  staff: ['customers.read', 'customers.write', 'customers.delete', 'users.read'],
  viewer: ['customers.read', 'users.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
