// Success stories: a customer's stories, seen and written as the customer's other data (live,
// inside the caller's scope), each change one transaction with its audit entry. A story refers to
// files already kept with its customer (story_files → attachments of owner kind 'customer'). The
// case sheet answers the story as printed: the customer named only when they agreed ('yes').
import { sql, type SqlBool } from 'kysely';
import { storyActions, type CaseSheet, type ResultFigure, type Story, type StoryDraftValue, type StoryPage, type StoryRow } from '../../../../shared/api/stories.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import type { ValidationMessage } from '../../../../shared/validation.ts';
import { transaction, type Db } from '../../db/database.ts';
import { keysetPage } from '../../db/keyset.ts';
import { appendAudit, type FieldChange } from '../audit/service.ts';
import { printHeader } from '../print/service.ts';
import type { Access } from '../users/access.ts';

export type Actor = Access & { now: number };

type StoryUpdate = Omit<StoryDraftValue, 'customerId'> & { id: number; version: number };

function invalid(operation: string, message: string, path: string, reason: ValidationMessage): AppFailure {
  return new AppFailure('VALIDATION', `${operation}: ${message}`, [{ path: [path], message: reason }]);
}

/** LIKE's wildcards in a user's words taken literally. */
function likeWords(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function readStored(db: Db, id: number) {
  return db
    .selectFrom('stories as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .selectAll('s')
    .select(['c.name as customer_name', 'c.code as customer_code', 'c.owner_id as customer_owner_id', 'c.deleted_at as customer_deleted_at', 'c.industry', 'c.region'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

type Stored = NonNullable<Awaited<ReturnType<typeof readStored>>>;

/** The story if this caller sees its customer (live, in scope); `deleted` picks live or binned ones. */
async function storedFor(db: Db, id: number, access: Access, deleted: boolean | 'any', operation: string): Promise<Stored> {
  const row = await readStored(db, id);
  if (!row || row.customer_deleted_at !== null || (access.scopeOwnerId !== null && row.customer_owner_id !== access.scopeOwnerId)) {
    throw new AppFailure('NOT_FOUND', `${operation}: story ${id} does not exist, or its customer is in the recycle bin or not one you see`);
  }
  if (deleted !== 'any' && (row.deleted_at !== null) !== deleted) {
    throw new AppFailure('NOT_FOUND', deleted ? `${operation}: story ${id} is not in the recycle bin` : `${operation}: story ${id} is in the recycle bin; restore it first`);
  }
  return row;
}

function figuresOf(text: string): ResultFigure[] {
  return JSON.parse(text) as ResultFigure[]; // written by this service from the contract's checked array (CHECK json_valid)
}

/** A result figure in the audit log: "label value" (the log shows words, not objects). */
function figureLabel(f: ResultFigure): string {
  return `${f.label} ${f.value}`;
}

async function filesOf(db: Db, storyId: number): Promise<Story['files']> {
  return db
    .selectFrom('story_files as f')
    .innerJoin('attachments as a', 'a.id', 'f.attachment_id')
    .select(['a.id', 'a.name', 'a.type', 'a.size'])
    .where('f.story_id', '=', storyId)
    .where('a.deleted_at', 'is', null)
    .orderBy('f.position')
    .execute();
}

async function storyFor(db: Db, row: Stored, access: Access): Promise<Story> {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerCode: row.customer_code,
    title: row.title,
    background: row.background,
    whatWeDid: row.what_we_did,
    results: row.results,
    resultFigures: figuresOf(row.result_figures),
    namedConsent: row.named_consent,
    storyOn: row.story_on,
    files: await filesOf(db, row.id),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    actions: storyActions(access, { createdBy: row.created_by, deletedAt: row.deleted_at }, roleHas(access.role, 'print')),
  };
}

export async function readStory(db: Db, id: number, access: Access): Promise<Story> {
  return storyFor(db, await storedFor(db, id, access, 'any', 'stories.get'), access);
}

export async function listStories(
  db: Db,
  query: { customerId?: number | undefined; q?: string | undefined; namedConsent?: 'yes' | 'no' | 'ask' | undefined; deleted: boolean; after: string | null; limit: number },
  access: Access,
): Promise<StoryPage> {
  if (query.deleted && !roleHas(access.role, 'customers.delete')) throw new AppFailure('FORBIDDEN', 'stories.list: the recycle bin is for those who may delete');
  let q = db
    .selectFrom('stories as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select([
      's.id',
      's.customer_id as customerId',
      'c.name as customerName',
      'c.code as customerCode',
      'c.grade',
      'c.industry',
      'c.region',
      's.title',
      's.result_figures as figures',
      's.named_consent as namedConsent',
      's.story_on as storyOn',
      's.created_by as createdBy',
      's.created_at as createdAt',
      's.updated_at as updatedAt',
      's.deleted_at as deletedAt',
      's.version',
    ])
    .where('c.deleted_at', 'is', null)
    .where('s.deleted_at', query.deleted ? 'is not' : 'is', null);
  if (access.scopeOwnerId !== null) q = q.where('c.owner_id', '=', access.scopeOwnerId);
  if (query.customerId !== undefined) q = q.where('s.customer_id', '=', query.customerId);
  if (query.namedConsent !== undefined) q = q.where('s.named_consent', '=', query.namedConsent);
  if (query.q) {
    const words = likeWords(query.q);
    q = q.where(sql<SqlBool>`(s.title LIKE ${words} ESCAPE '\\' OR c.name LIKE ${words} ESCAPE '\\' OR c.code LIKE ${words} ESCAPE '\\')`);
  }
  const page = await keysetPage(q, [{ column: 's.story_on', direction: 'desc' }, { column: 's.id', direction: 'desc' }], query.after, query.limit);
  const canPrint = roleHas(access.role, 'print');
  const rows = page.rows.map(({ figures, ...row }): StoryRow => ({ ...row, resultFigures: figuresOf(figures), actions: storyActions(access, row, canPrint) }));
  return { rows, next: page.nextCursor };
}

/** The customer, live and seen by the caller (VALIDATION reason 'customer' otherwise). */
async function customerFor(tx: Db, customerId: number, actor: Actor, operation: string) {
  const customer = await tx.selectFrom('customers').select(['name', 'code', 'owner_id', 'deleted_at']).where('id', '=', customerId).executeTakeFirst();
  if (!customer || customer.deleted_at !== null || (actor.scopeOwnerId !== null && customer.owner_id !== actor.scopeOwnerId)) {
    throw invalid(operation, `customer ${customerId} does not exist, is in the recycle bin, or is not one you see`, 'customerId', 'customer');
  }
  return customer;
}

/** Replaces the story's files: each a live attachment kept with the customer itself (reason 'attachment' otherwise). */
async function writeFiles(tx: Db, storyId: number, customerId: number, attachmentIds: readonly number[], operation: string): Promise<void> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length > 0) {
    const found = await tx.selectFrom('attachments').select('id').where('id', 'in', ids).where('owner_kind', '=', 'customer').where('owner_id', '=', customerId).where('deleted_at', 'is', null).execute();
    const ok = new Set(found.map((row) => row.id));
    const missing = ids.find((id) => !ok.has(id));
    if (missing !== undefined) throw invalid(operation, `file ${missing} is not one kept with this customer`, 'attachmentIds', 'attachment');
  }
  await tx.deleteFrom('story_files').where('story_id', '=', storyId).execute();
  if (ids.length > 0) await tx.insertInto('story_files').values(ids.map((id, position) => ({ story_id: storyId, attachment_id: id, position }))).execute();
}

type AuditAction = 'story.create' | 'story.update' | 'story.delete' | 'story.restore' | 'story.print';

async function audit(tx: Db, actor: Actor, action: AuditAction, story: { id: number; title: string; customerName: string; customerCode: string }, changes: FieldChange[] = []) {
  await appendAudit(tx, {
    at: actor.now,
    userId: actor.userId,
    username: actor.username,
    action,
    entity: 'story',
    entityId: story.id,
    label: `${story.title} — ${story.customerName} (${story.customerCode})`,
    changes,
  });
}

const FIELDS = [
  ['title', 'title'],
  ['background', 'background'],
  ['whatWeDid', 'what_we_did'],
  ['results', 'results'],
  ['namedConsent', 'named_consent'],
  ['storyOn', 'story_on'],
] as const;

export async function createStory(db: Db, draft: StoryDraftValue, actor: Actor): Promise<Story> {
  const operation = 'stories.create';
  return transaction(db, async (tx) => {
    const customer = await customerFor(tx, draft.customerId, actor, operation);
    const { id } = await tx
      .insertInto('stories')
      .values({
        customer_id: draft.customerId,
        title: draft.title,
        background: draft.background,
        what_we_did: draft.whatWeDid,
        results: draft.results,
        result_figures: JSON.stringify(draft.resultFigures),
        named_consent: draft.namedConsent,
        story_on: draft.storyOn,
        created_by: actor.userId,
        created_at: actor.now,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeFiles(tx, id, draft.customerId, draft.attachmentIds, operation);
    await audit(tx, actor, 'story.create', { id, title: draft.title, customerName: customer.name, customerCode: customer.code }, [
      { field: 'customerId', before: null, after: { id: draft.customerId, name: customer.name, code: customer.code } },
      ...FIELDS.map(([field]) => ({ field, before: null, after: draft[field] })),
      { field: 'resultFigures', before: null, after: draft.resultFigures.map(figureLabel) },
    ]);
    return storyFor(tx, await storedFor(tx, id, actor, false, operation), actor);
  });
}

export async function updateStory(db: Db, input: StoryUpdate, actor: Actor): Promise<Story> {
  const operation = 'stories.update';
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, input.id, actor, false, operation);
    if (row.version !== input.version) throw new AppFailure('CONFLICT', `${operation}: story ${input.id} was changed by someone else since it was opened; reload it`);
    const changes: FieldChange[] = [];
    for (const [field, column] of FIELDS) if (row[column] !== input[field]) changes.push({ field, before: row[column], after: input[field] });
    const figures = JSON.stringify(input.resultFigures);
    if (figures !== row.result_figures) changes.push({ field: 'resultFigures', before: figuresOf(row.result_figures).map(figureLabel), after: input.resultFigures.map(figureLabel) });
    const filesBefore = (await tx.selectFrom('story_files').select('attachment_id').where('story_id', '=', input.id).orderBy('position').execute()).map((f) => f.attachment_id);
    const filesAfter = [...new Set(input.attachmentIds)];
    if (filesBefore.join(',') !== filesAfter.join(',')) changes.push({ field: 'attachmentIds', before: filesBefore, after: filesAfter });
    if (changes.length > 0) {
      await tx
        .updateTable('stories')
        .set({
          title: input.title,
          background: input.background,
          what_we_did: input.whatWeDid,
          results: input.results,
          result_figures: figures,
          named_consent: input.namedConsent,
          story_on: input.storyOn,
          updated_at: actor.now,
          version: row.version + 1,
        })
        .where('id', '=', input.id)
        .execute();
      await writeFiles(tx, input.id, row.customer_id, filesAfter, operation);
      await audit(tx, actor, 'story.update', { id: input.id, title: input.title, customerName: row.customer_name, customerCode: row.customer_code }, changes);
    }
    return storyFor(tx, await storedFor(tx, input.id, actor, false, operation), actor);
  });
}

function mayChange(row: Stored, actor: Actor, action: 'delete' | 'restore'): void {
  if (!storyActions(actor, { createdBy: row.created_by, deletedAt: row.deleted_at }, false)[action]) {
    throw new AppFailure('FORBIDDEN', `stories.${action}: your role may delete and restore only the stories you wrote`);
  }
}

export async function deleteStory(db: Db, id: number, version: number, actor: Actor): Promise<{ id: number }> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, false, 'stories.delete');
    mayChange(row, actor, 'delete');
    if (row.version !== version) throw new AppFailure('CONFLICT', `stories.delete: story ${id} was changed by someone else since it was opened; reload it`);
    await tx.updateTable('stories').set({ deleted_at: actor.now, deleted_by: actor.userId, updated_at: actor.now, version: version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'story.delete', { id, title: row.title, customerName: row.customer_name, customerCode: row.customer_code });
    return { id };
  });
}

export async function restoreStory(db: Db, id: number, actor: Actor): Promise<Story> {
  return transaction(db, async (tx) => {
    const row = await storedFor(tx, id, actor, true, 'stories.restore');
    mayChange(row, actor, 'restore');
    await tx.updateTable('stories').set({ deleted_at: null, deleted_by: null, updated_at: actor.now, version: row.version + 1 }).where('id', '=', id).execute();
    await audit(tx, actor, 'story.restore', { id, title: row.title, customerName: row.customer_name, customerCode: row.customer_code });
    return storyFor(tx, await storedFor(tx, id, actor, false, 'stories.restore'), actor);
  });
}

/** The case sheet of a live story (audited as a print): the customer named only with their consent ('yes'). */
export async function caseSheet(db: Db, id: number, actor: Actor): Promise<CaseSheet> {
  const row = await storedFor(db, id, actor, false, 'stories.caseSheet');
  const { actions: _actions, ...story } = await storyFor(db, row, actor);
  const named = row.named_consent === 'yes';
  const sheet: CaseSheet = {
    ...(await printHeader(db, actor)),
    // Not named: the name and code stay off the paper entirely, not only off its heading.
    story: named ? story : { ...story, customerName: '', customerCode: '' },
    customerLabel: { named, name: named ? row.customer_name : '', industry: row.industry, region: row.region },
  };
  await transaction(db, (tx) => audit(tx, actor, 'story.print', { id, title: row.title, customerName: row.customer_name, customerCode: row.customer_code }, [{ field: 'named', before: null, after: named }]));
  return sheet;
}

/** A customer purged: its stories go with it (customers' purge calls this in its transaction). */
export async function purgeStoriesOf(tx: Db, customerId: number): Promise<number> {
  const result = await tx.deleteFrom('stories').where('customer_id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
