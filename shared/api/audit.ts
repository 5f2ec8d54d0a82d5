import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { Id } from './customers.ts';

/**
 * The audit vocabulary is declared by each area (`auditActions` in shared/api/<area>.ts) and
 * gathered in contract.ts (AuditAction, AUDIT_ACTIONS), which imports this file: so entries carry
 * it as text here, and the core checks it by type where it writes them.
 */
const AuditActionName = z.string().max(100);
const AuditEntityName = z.string().max(100);

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const AuditEntry = z.object({
  id: Id,
  at: z.number(),
  userId: z.number().int().nullable(),
  /** As it was at the time (user names can be reused after deactivation). */
  username: z.string(),
  action: AuditActionName,
  entity: AuditEntityName,
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
  action: AuditActionName.optional(),
  entity: AuditEntityName.optional(),
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

export const auditArea = defineArea({ methods: audit, auditEntities: ['audit'], auditActions: ['audit.export'] });
