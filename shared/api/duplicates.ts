// Duplicates (查重 / 重复客户) and merge (合并): the finder groups the live customers a caller sees by a
// normalised phone (the customer's and its contacts' mobile/phone), e-mail, or a similar name; a merge
// moves every row linked to one customer onto another, keeps the chosen field values, hides the merged
// customer, and can be undone exactly (撤销合并). Finding needs customers.read (in the caller's scope,
// phones masked as the caller sees them); merging and undoing need customers.merge.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { GRADES, Id } from './customers.ts';
import { method } from './method.ts';

/**
 * Why customers are in one group. phone: the same number after normalising (spaces, dashes,
 * brackets, +86/0086, full-width digits); email: the same address ignoring case; name: the same
 * name key (width, traditional → simplified, company suffixes, punctuation, case), the same
 * toneless pinyin, or an edit distance of at most 1 between name keys of 4 characters or more.
 */
export const DUPLICATE_REASONS = ['phone', 'email', 'name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** At most this many groups are given back (largest first); `total` says how many there were. */
export const DUPLICATE_GROUPS_MAX = 500;

/**
 * The customer's own fields a merge chooses between (the kept customer's or the merged one's value).
 * `birthday` carries its calendar with it.
 */
export const MERGE_FIELDS = ['kind', 'name', 'industry', 'region', 'address', 'phone', 'email', 'website', 'source', 'size', 'stage', 'grade', 'ownerId', 'birthday', 'notes'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/**
 * The tables whose rows a merge moves (or, for tags, unites), as `moved` counts them. contacts,
 * customerTags, contracts, attachments (those of the customer itself; a contract's or record's
 * files go with their contract or record), records, visits, surveys, complaints, careNotes,
 * inboxMarks (Today's done/snoozed marks), gradeHistory (stays with each customer: never moved, 0).
 * eventInvitations: moved, or (both customers invited to one event) the kept customer's taken over
 * by the merged one's when that attended, or else replied later (areas/events/merge.ts).
 */
export const MERGE_TABLES = ['contacts', 'customerTags', 'contracts', 'attachments', 'records', 'visits', 'surveys', 'complaints', 'careNotes', 'inboxMarks', 'sales', 'needs', 'stories', 'competitorPresence', 'eventInvitations'] as const;
export type MergeTable = (typeof MERGE_TABLES)[number];

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

export const DuplicateReasonValue = z.object({
  reason: z.enum(DUPLICATE_REASONS),
  /** What they share, as the caller may see it: the normalised phone (masked for a masked role), the e-mail, or a name key. */
  value: z.string(),
});

/** How many rows of each kind are linked to a customer (what a merge would move). */
export const LinkedCounts = z.object({
  contacts: z.number().int(),
  contracts: z.number().int(),
  records: z.number().int(),
  visits: z.number().int(),
  surveys: z.number().int(),
  complaints: z.number().int(),
});

export const DuplicateCustomer = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  /** As the caller sees it (masked for a masked role). */
  phone: z.string(),
  ownerName: z.string().nullable(),
  grade: z.enum(GRADES),
  updatedAt: z.number(),
  /** For merge's optimistic check. */
  version: z.number().int(),
  counts: LinkedCounts,
});
export type DuplicateCustomer = z.infer<typeof DuplicateCustomer>;

export const DuplicateGroup = z.object({
  reasons: z.array(DuplicateReasonValue),
  /** Two or more; the most recently updated first. */
  customers: z.array(DuplicateCustomer),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

export const DuplicateFindResult = z.object({ groups: z.array(DuplicateGroup), total: z.number().int() });
export type DuplicateFindResult = z.infer<typeof DuplicateFindResult>;

export const MergeInput = z
  .object({
    keep: Id,
    merge: Id,
    /** Per field, whose value the kept customer ends with; a field left out keeps the kept customer's own. */
    fields: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['keep', 'merge'])).default({}),
    /** Both customers' versions as the caller saw them: a stale one is a CONFLICT. */
    version: z.object({ keep: z.number().int().min(1), merge: z.number().int().min(1) }),
  })
  .refine((input) => input.keep !== input.merge, { path: ['merge'], message: 'sameCustomer' });
export type MergeInput = z.input<typeof MergeInput>;

export const MergeResult = z.object({ merge: Id, moved: z.record(z.enum(MERGE_TABLES), z.number().int()) });
export type MergeResult = z.infer<typeof MergeResult>;

export const MergeRow = z.object({
  id: Id,
  kept: z.object({ id: Id, name: z.string(), code: z.string() }),
  merged: z.object({ id: Id, name: z.string(), code: z.string() }),
  by: z.object({ id: Id, name: z.string() }).nullable(),
  at: z.number(),
  undoneAt: z.number().nullable(),
  undoneBy: z.object({ id: Id, name: z.string() }).nullable(),
  /** How many rows moved, per table. */
  moved: z.record(z.enum(MERGE_TABLES), z.number().int()),
  /** Not undone yet, and the caller may undo it (customers.merge). An edit since is found only when trying. */
  undoable: z.boolean(),
});
export type MergeRow = z.infer<typeof MergeRow>;

export const MergePage = z.object({ rows: z.array(MergeRow), next: z.string().nullable() });
export type MergePage = z.infer<typeof MergePage>;

export const duplicates = {
  /**
   * Runs as job 'duplicates' (progress in customers, cancellable with jobs.cancel). Groups of
   * connected customers (a shares a phone with b, b a name with c: one group), largest first,
   * at most DUPLICATE_GROUPS_MAX; pairs dismissed as "not duplicates" do not join a group.
   */
  'duplicates.find': method({ input: z.object({}).default({}), output: DuplicateFindResult, permission: 'customers.read' }),
  /** "Not duplicates": every pair among these customers is left out of later finds. */
  'duplicates.dismiss': method({ input: z.object({ ids: z.array(Id).min(2).max(50) }), output: z.object({}), permission: 'customers.merge' }),
  /**
   * Moves everything of `merge` onto `keep` in one transaction and hides `merge`. CONFLICT (no
   * details) when either version is stale; NOT_FOUND when either is not there for the caller (a
   * merged customer is not there).
   */
  'duplicates.merge': method({ input: MergeInput, output: MergeResult, permission: 'customers.merge' }),
  /** The merges, newest first. */
  'duplicates.merges': method({ input: z.object({ after: Cursor, limit: Limit }).default({ after: null, limit: 50 }), output: MergePage, permission: 'customers.merge' }),
  /**
   * Moves back exactly the rows the merge moved, restores the kept customer's replaced values and
   * the merged customer. CONFLICT reason 'editedSince' (naming the kept customer) when the kept
   * customer was edited since in a field the merge set; 'undone' when it already was undone.
   */
  'duplicates.undoMerge': method({ input: z.object({ merge: Id }), output: z.object({}), permission: 'customers.merge' }),
};

export const duplicatesArea = defineArea({ methods: duplicates, auditEntities: [], auditActions: ['customer.merge', 'customer.unmerge'] });
