// What a caller may see of customers, derived per call from their role and the shop's settings:
// the row scope ("staff see only the customers they are responsible for") and contact masking.
// Services apply the scope inside their queries and mask before anything is returned.
import type { Settings } from '../../../../shared/api/settings.ts';
import type { Customer, CustomerRow } from '../../../../shared/api/customers.ts';
import type { SearchHit } from '../../../../shared/api/search.ts';
import { maskEmail, maskPhone, maskWechat } from '../../../../shared/masking.ts';
import { MASKED_ROLES, SCOPED_ROLES, type Role } from '../../../../shared/roles.ts';

export type Access = {
  userId: number;
  username: string;
  role: Role;
  /** Only customers with this responsible staff member, or null for all. */
  scopeOwnerId: number | null;
  mask: boolean;
};

export function accessFor(caller: { userId: number; username: string; role: Role }, settings: Settings): Access {
  return {
    ...caller,
    scopeOwnerId: settings.staffScope && SCOPED_ROLES.includes(caller.role) ? caller.userId : null,
    mask: settings.maskContacts && MASKED_ROLES.includes(caller.role),
  };
}

/** Full access, for the owner's own tools (seed) and tests. */
export function fullAccess(caller: { userId: number; username: string; role: Role }): Access {
  return { ...caller, scopeOwnerId: null, mask: false };
}

export function maskCustomer(customer: Customer, access: Access): Customer {
  if (!access.mask) return customer;
  return {
    ...customer,
    phone: maskPhone(customer.phone),
    email: maskEmail(customer.email),
    // WeChat IDs are contact details too: masked like phone numbers.
    contacts: customer.contacts.map((c) => ({ ...c, phone: maskPhone(c.phone), mobile: maskPhone(c.mobile), email: maskEmail(c.email), wechat: maskWechat(c.wechat) })),
  };
}

export function maskRow<T extends CustomerRow | SearchHit>(row: T, access: Access): T {
  return access.mask ? { ...row, phone: maskPhone(row.phone) } : row;
}
