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
  /** Tags across all customers: rename, merge, colour, delete (features/tags). */
  'tags.manage',
  /** Merge duplicate customers and undo a merge (areas/duplicates). */
  'customers.merge',
  'users.read',
  'users.manage',
  'settings.manage',
  'audit.read',
  'data.export',
  /** Import customers and contacts from files, and undo an import (areas/imports). */
  'data.import',
  'reports.read',
  /** Edit the product/service catalogue that sales lines pick from (areas/sales). */
  'catalogue.manage',
  /** Value grading: propose, accept/reject, apply, edit cut-offs and rules (areas/grading). The owner accepts. */
  'grading.manage',
  /** The competitor register (areas/competitors): add, edit, retire competitors. Presence at a customer is customers.write. */
  'competitors.manage',
  /** Customer events (areas/events): create, edit, cancel events and invite customers. Replies and attendance are customers.write. */
  'events.manage',
  /** The loyalty programme's set-up (areas/loyalty): tiers, earning rules, expiry, rewards. The owner sets it. */
  'loyalty.manage',
  /** Points corrections by hand (a ledger entry with its reason; areas/loyalty). Earning from sales and redeeming are customers.write. */
  'points.adjust',
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
  manager: ['customers.read', 'customers.write', 'customers.delete', 'customers.merge', 'tags.manage', 'users.read', 'data.export', 'data.import', 'reports.read', 'catalogue.manage', 'competitors.manage', 'events.manage', 'points.adjust', 'print', 'system.status', 'system.check'],
  // Staff see the dashboard too, limited to their own customers when the scope setting is on.
  staff: ['customers.read', 'customers.write', 'customers.delete', 'users.read', 'reports.read', 'print'],
  viewer: ['customers.read', 'users.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles that see phone numbers and e-mail addresses masked when the owner turns masking on. */
export const MASKED_ROLES: readonly Role[] = ['staff', 'viewer'];
/** Roles limited to their own customers when the owner turns the scope setting on. */
export const SCOPED_ROLES: readonly Role[] = ['staff'];

/** Roles that can be responsible for customers (and so appear in "responsible staff" pickers). */
export const CUSTOMER_OWNER_ROLES: readonly Role[] = ['owner', 'manager', 'staff'];
/** Roles that may delete, restore and purge only the customers they created. */
export const OWN_CUSTOMERS_ONLY_ROLES: readonly Role[] = ['staff'];

export function canOwnCustomers(role: Role): boolean {
  return CUSTOMER_OWNER_ROLES.includes(role);
}

/** What a caller may do with one customer they can see (delete also covers restore). */
export type CustomerActions = { edit: boolean; delete: boolean; purge: boolean };

/**
 * The row-level rule, in one place: the core refuses exactly what this says no to, and returns it
 * with each customer so the UI offers only what will be allowed. Scope (which customers a caller
 * sees at all) is applied before this, in the core's queries.
 */
export function customerActions(caller: { userId: number; role: Role }, customer: { createdBy: number | null }): CustomerActions {
  const ownOnly = OWN_CUSTOMERS_ONLY_ROLES.includes(caller.role);
  const mayTouch = !ownOnly || customer.createdBy === caller.userId;
  return {
    edit: roleHas(caller.role, 'customers.write'),
    delete: roleHas(caller.role, 'customers.delete') && mayTouch,
    purge: roleHas(caller.role, 'customers.purge') && mayTouch,
  };
}

/** True when this user is the only active owner: they may be neither deactivated nor given another role. */
export function isLastActiveOwner(user: { id: number; role: Role; active: boolean }, users: readonly { id: number; role: Role; active: boolean }[]): boolean {
  return user.role === 'owner' && user.active && !users.some((other) => other.id !== user.id && other.role === 'owner' && other.active);
}
