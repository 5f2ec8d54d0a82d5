// Success stories (客户合作案例): what we achieved together with a customer — the background, what
// we did, the results in words and in figures — and whether the customer agreed to be named. A
// story belongs to one customer and is seen, written and deleted as the customer's other data is
// (customers.read / .write / .delete, inside the caller's scope); every row carries `actions`.
// Files: a story refers to files already kept with its customer (attachments of owner kind
// 'customer'), so the attachments area needs no new owner kind. The case sheet (案例单) is one A4
// page (permission `print`, audited as prints are); when the customer did not agree to be named
// ('no' or 'ask'), the sheet names them by industry and region only.
import { z } from 'zod';
import { defineArea } from './area.ts';
import { GRADES, Id } from './customers.ts';
import { method } from './method.ts';
import { PrintHeader } from './print.ts';
import { DayInRange } from './records.ts';
import { customerActions, type Role } from '../roles.ts';

export const NAMED_CONSENTS = ['yes', 'no', 'ask'] as const;
export type NamedConsent = (typeof NAMED_CONSENTS)[number];

export const STORY_TITLE_MAX = 200;
export const STORY_TEXT_MAX = 4000;
export const STORY_FIGURES_MAX = 10;
export const STORY_FIGURE_LABEL_MAX = 60;
export const STORY_FIGURE_VALUE_MAX = 60;
export const STORY_FILES_MAX = 10;

const noControl = (s: string) => !/[\p{Cc}\u2028\u2029]/u.test(s.replace(/[\n\r\t]/g, ''));
const Text = (max: number) => z.string().trim().max(max).refine(noControl, { message: 'controlCharacter' });

export const ResultFigure = z.object({
  label: Text(STORY_FIGURE_LABEL_MAX).pipe(z.string().min(1)),
  value: Text(STORY_FIGURE_VALUE_MAX).pipe(z.string().min(1)),
});
export type ResultFigure = z.infer<typeof ResultFigure>;

export const StoryDraft = z.object({
  customerId: Id,
  title: Text(STORY_TITLE_MAX).pipe(z.string().min(1)),
  background: Text(STORY_TEXT_MAX).default(''),
  whatWeDid: Text(STORY_TEXT_MAX).default(''),
  results: Text(STORY_TEXT_MAX).default(''),
  resultFigures: z.array(ResultFigure).max(STORY_FIGURES_MAX).default([]),
  namedConsent: z.enum(NAMED_CONSENTS).default('ask'),
  storyOn: DayInRange,
  /** Files kept with this customer (attachments of owner kind 'customer'); reason 'attachment' otherwise. */
  attachmentIds: z.array(Id).max(STORY_FILES_MAX).default([]),
});
export type StoryDraftInput = z.input<typeof StoryDraft>;
export type StoryDraftValue = z.output<typeof StoryDraft>;

export const StoryActions = z.object({ edit: z.boolean(), delete: z.boolean(), restore: z.boolean(), print: z.boolean() });
export type StoryActions = z.infer<typeof StoryActions>;

export const StoryFile = z.object({ id: Id, name: z.string(), type: z.string(), size: z.number().int() });
export type StoryFile = z.infer<typeof StoryFile>;

export const Story = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  customerCode: z.string(),
  title: z.string(),
  background: z.string(),
  whatWeDid: z.string(),
  results: z.string(),
  resultFigures: z.array(ResultFigure),
  namedConsent: z.enum(NAMED_CONSENTS),
  storyOn: z.string(),
  /** The referred files that are still live (one deleted since is left out). */
  files: z.array(StoryFile),
  createdBy: Id.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  version: z.number().int(),
  actions: StoryActions,
});
export type Story = z.infer<typeof Story>;

export const StoryRow = Story.omit({ background: true, whatWeDid: true, results: true, files: true }).extend({
  grade: z.enum(GRADES),
  industry: z.string(),
  region: z.string(),
});
export type StoryRow = z.infer<typeof StoryRow>;

const Cursor = z.string().max(2000).nullable().default(null);
const Limit = z.number().int().min(1).max(100).default(50);

export const StoryQuery = z.object({
  /** One customer's stories; absent: every story the caller sees. */
  customerId: Id.optional(),
  /** Words of the title or the customer's name or code. */
  q: z.string().trim().max(100).optional(),
  namedConsent: z.enum(NAMED_CONSENTS).optional(),
  /** The recycle bin instead (customers.delete). */
  deleted: z.boolean().default(false),
  after: Cursor,
  limit: Limit,
});
export type StoryQueryInput = z.input<typeof StoryQuery>;

export const StoryPage = z.object({ rows: z.array(StoryRow), next: z.string().nullable() });
export type StoryPage = z.infer<typeof StoryPage>;

export const CaseSheet = PrintHeader.extend({
  story: Story.omit({ actions: true }),
  /** How the sheet names the customer: their name when they agreed ('yes'), else industry and region. */
  customerLabel: z.object({ named: z.boolean(), name: z.string(), industry: z.string(), region: z.string() }),
});
export type CaseSheet = z.infer<typeof CaseSheet>;

const IdInput = z.object({ id: Id });
const IdVersion = z.object({ id: Id, version: z.number().int().min(1) });

export const stories = {
  /** Newest story day first (then id). */
  'stories.list': method({ input: StoryQuery, output: StoryPage, permission: 'customers.read' }),
  'stories.get': method({ input: IdInput, output: Story, permission: 'customers.read' }),
  /** A customer the caller does not see, a file not kept with it: VALIDATION reason 'customer' / 'attachment'. */
  'stories.create': method({ input: StoryDraft, output: Story, permission: 'customers.write' }),
  'stories.update': method({ input: StoryDraft.omit({ customerId: true }).extend({ id: Id, version: z.number().int().min(1) }), output: Story, permission: 'customers.write' }),
  'stories.delete': method({ input: IdVersion, output: z.object({ id: Id }), permission: 'customers.delete' }),
  'stories.restore': method({ input: IdInput, output: Story, permission: 'customers.delete' }),
  /** The one-page case sheet's data (audited as a print). */
  'stories.caseSheet': method({ input: IdInput, output: CaseSheet, permission: 'print' }),
};

export const storiesArea = defineArea({
  methods: stories,
  auditEntities: ['story'],
  auditActions: ['story.create', 'story.update', 'story.delete', 'story.restore', 'story.print'],
});

/** What a caller may do with a story they see: the customers' rule (staff delete only what they created). */
export function storyActions(caller: { userId: number; role: Role }, story: { createdBy: number | null; deletedAt: number | null }, canPrint: boolean): StoryActions {
  const rule = customerActions(caller, { createdBy: story.createdBy });
  const live = story.deletedAt === null;
  return { edit: rule.edit && live, delete: rule.delete && live, restore: rule.delete && !live, print: canPrint && live };
}
