import { z } from 'zod';
import { method } from './method.ts';
import { Id } from './customers.ts';

/** Every kind of audit entry. */
export const AUDIT_ACTIONS = [
  'setup.create',
  'auth.signIn',
  'auth.signInFailed',
  'auth.lockedOut',
  'auth.signOut',
  'auth.passwordChanged',
  'auth.recovered',
  'customer.create',
  'customer.update',
  'customer.delete',
  'customer.restore',
  'customer.purge',
  'customer.assignOwners',
  'user.create',
  'user.roleChanged',
  'user.passwordReset',
  'user.deactivated',
  'user.reactivated',
  'settings.update',
  'system.rekey',
  'system.seed',
  'audit.export',
  'backup.create',
  'backup.verify',
  'backup.restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = ['customer', 'user', 'settings', 'system', 'audit', 'session', 'backup'] as const;

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const AuditEntry = z.object({
  id: Id,
  at: z.number(),
  userId: z.number().int().nullable(),
  /** As it was at the time (user names can be reused after deactivation). */
  username: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.enum(AUDIT_ENTITIES),
  entityId: z.number().int().nullable(),
  /** A short human label of the entity at the time, e.g. the customer's name. */
  label: z.string(),
  changes: z.array(FieldChange),
  /**
   * In lists, long texts (a 5,000-character note before and after) are cut to AUDIT_LIST_TEXT
   * characters and this is true; `audit.entry` gives the entry whole.
   */
  truncated: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The longest text an audit list sends per label or changed value. */
export const AUDIT_LIST_TEXT = 300;

export const AuditFilters = z.object({
  userId: Id.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  entity: z.enum(AUDIT_ENTITIES).optional(),
  /** Inclusive range of `at`, milliseconds since epoch. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
});

export const audit = {
  'audit.list': method({
    input: AuditFilters.extend({ cursor: z.string().max(200).nullable().default(null), limit: z.number().int().min(1).max(200).default(100) }),
    output: z.object({ rows: z.array(AuditEntry), nextCursor: z.string().nullable() }),
    permission: 'audit.read',
  }),
  /** One entry whole (the list cuts long texts short). */
  'audit.entry': method({ input: z.object({ id: Id }), output: AuditEntry, permission: 'audit.read' }),
  /** Recomputes the hash chain; names the first entry whose hash does not match. */
  'audit.verify': method({
    input: z.object({}),
    output: z.object({ ok: z.boolean(), checked: z.number().int(), firstBad: z.object({ id: z.number().int(), at: z.number() }).nullable() }),
    permission: 'audit.read',
  }),
  /** CSV (UTF-8 with BOM, opens in Excel) of the filtered entries, oldest first. */
  'audit.export': method({
    input: AuditFilters,
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    permission: 'audit.read',
  }),
};
