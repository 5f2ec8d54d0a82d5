// Tags management: every tag with how many customers carry it; rename, merge, colour and delete a
// tag across all customers. Owner and manager only (`tags.manage`): the counts are over every
// customer, whatever the staff-scope setting. Anyone who reads customers may ask the colours of the
// tags they already see (`tags.colors`), so chips can show them.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { Id } from './customers.ts';
import { method } from './method.ts';

/** A small fixed palette; the renderer has a light and a dark shade of each (features/tags/palette.ts). */
export const TAG_COLORS = ['red', 'orange', 'amber', 'green', 'teal', 'blue', 'indigo', 'purple', 'pink', 'brown', 'grey'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const TAG_NAME_MAX = 40;
export const TAG_SORTS = ['customers', 'name'] as const;

/**
 * When two tag names are the same tag: compatibility look-alikes folded (full-width `ＶＩＰ`, the
 * Kelvin sign) and case ignored, as shared/usernames.ts does for user names. The tags table's own
 * uniqueness (`COLLATE NOCASE`) only folds ASCII letters; the tags area checks this key too.
 */
export function tagKey(name: string): string {
  return name.trim().normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** A tag name as people type it: trimmed, not empty, not too long, no control characters or line breaks. */
export const TagName = z
  .string()
  .trim()
  .min(1)
  .max(TAG_NAME_MAX)
  .refine((s) => !/[\p{Cc}\u2028\u2029]/u.test(s), { message: 'controlCharacter' });

const Version = z.number().int().min(1);
/** A tag as the caller last saw it: a change to a tag changed since is a CONFLICT. */
const TagRef = z.object({ id: Id, version: Version });

export const Tag = z.object({
  id: Id,
  name: z.string(),
  color: z.enum(TAG_COLORS).nullable(),
  version: z.number().int(),
  /** Live customers carrying it. */
  customers: z.number().int(),
  /** Customers in the recycle bin carrying it (a rename, merge or delete changes them too). */
  inRecycleBin: z.number().int(),
});
export type Tag = z.infer<typeof Tag>;

export const TagQuery = z.object({
  /** Part of the name. */
  q: z.string().trim().max(TAG_NAME_MAX).optional(),
  /** `customers`: most carried first; `name`: by name, letter case ignored. */
  sort: z.enum(TAG_SORTS).default('customers'),
  cursor: z.string().max(2000).nullable().default(null),
  limit: z.number().int().min(1).max(100).default(50),
});

export const tags = {
  'tags.list': method({ input: TagQuery, output: z.object({ rows: z.array(Tag), nextCursor: z.string().nullable() }), permission: 'tags.manage' }),
  /**
   * A new name for one tag, on every customer carrying it. A name another tag already has (letter
   * case and width ignored) is a CONFLICT (details: `taken` or `takenLookAlike` on `name`) unless
   * `ifTaken` is `merge`: then this tag is merged into that one, which keeps its own name.
   */
  'tags.rename': method({
    input: TagRef.extend({ name: TagName, ifTaken: z.enum(['refuse', 'merge']).default('refuse') }),
    output: z.object({ tag: Tag, mergedInto: z.boolean() }),
    permission: 'tags.manage',
  }),
  /** Several tags become one (`into`): their customers carry `into` instead, once each. */
  'tags.merge': method({
    input: z.object({ into: TagRef, tags: z.array(TagRef).min(1).max(100) }),
    output: z.object({ tag: Tag }),
    permission: 'tags.manage',
  }),
  'tags.setColor': method({ input: TagRef.extend({ color: z.enum(TAG_COLORS).nullable() }), output: Tag, permission: 'tags.manage' }),
  /** Removes the tag from every customer (recycle bin included) and then the tag itself. */
  'tags.delete': method({ input: TagRef, output: z.object({ id: Id, customers: z.number().int() }), permission: 'tags.manage' }),
  /** The colours of these tags (names the caller already sees on customers); tags without one are left out. */
  'tags.colors': method({
    input: z.object({ names: z.array(z.string().max(TAG_NAME_MAX)).max(200) }),
    output: z.object({ colors: z.array(z.object({ name: z.string(), color: z.enum(TAG_COLORS) })) }),
    permission: 'customers.read',
  }),
};

export const tagsArea = defineArea({ methods: tags, auditEntities: ['tag'], auditActions: ['tag.rename', 'tag.merge', 'tag.recolor', 'tag.delete'] });
