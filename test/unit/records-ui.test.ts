// The records and timeline pages' pure parts (renderer/src/features/records, features/timeline):
// the local time a `datetime-local` field holds, the Service records page's address, the record
// routes, what the form sends per kind, and how a timeline entry reads and where it leads.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { RecordDraft } from '../../shared/api/records.ts';
import { installAreas } from '../../renderer/src/app/area.ts';
import { hrefOf, parseHash } from '../../renderer/src/app/router.ts';
import { formatServiceQuery, parseServiceQuery, rangeProblem } from '../../renderer/src/features/records/list-query.ts';
import { draftFromValues, emptyRecord, mergeOverTheirs, updateFromValues, withAtText } from '../../renderer/src/features/records/record-draft.ts';
import { localDateTimeText, parseLocalDateTime } from '../../renderer/src/features/records/record-format.ts';
import { entryHref, entryTitle } from '../../renderer/src/features/timeline/timeline-entry.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { resources } from '../i18n-resources.ts';

beforeAll(async () => {
  installAreas(Object.values(areas));
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

const customer = { id: 5, name: '上海浦东新区长江国际贸易发展有限公司', code: 'C000005' };

describe('local date and time', () => {
  it('round-trips an instant through the field text in local time', () => {
    const at = new Date(2026, 10, 30, 10, 5).getTime();
    expect(localDateTimeText(at)).toBe('2026-11-30T10:05');
    expect(parseLocalDateTime('2026-11-30T10:05')).toBe(at);
    expect(parseLocalDateTime('2026-11-30T10:05:00')).toBe(at);
  });

  it('is no time when the text is none or the day does not exist', () => {
    expect(parseLocalDateTime('')).toBeNull();
    expect(parseLocalDateTime('2026-02-30T10:00')).toBeNull();
    expect(parseLocalDateTime('2026-11-30')).toBeNull();
  });

  it('a time typed in 1900 reaches the schema, which refuses it as out of range', () => {
    const values = withAtText(emptyRecord('service', customer, 1, new Date(2026, 10, 30, 10, 5).getTime()), '1900-01-01T10:00');
    const issues = RecordDraft.safeParse({ ...values, content: 'x', serviceKind: 'repair' }).error?.issues ?? [];
    expect(issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['at', 'dateRange']]);
  });
});

describe('the Service records page address', () => {
  it('keeps valid filters in a canonical order and drops the rest', () => {
    const query = parseServiceQuery('to=2026-12-31&kind=service&staff=3&from=2026-12-01&until=2026-12-08');
    expect(query).toEqual({ filters: { kind: 'service', staffId: 3, from: '2026-12-01', to: '2026-12-31' }, until: '2026-12-08' });
    expect(formatServiceQuery(query)).toBe('kind=service&staff=3&from=2026-12-01&to=2026-12-31&until=2026-12-08');
    expect(parseServiceQuery('kind=visit&staff=0&from=yesterday&until=soon')).toEqual({ filters: {} });
    expect(formatServiceQuery({ filters: {} })).toBe('');
  });

  it('says when the range ends before it starts', () => {
    expect(rangeProblem({ from: '2026-12-02', to: '2026-12-01' })).toBe(true);
    expect(rangeProblem({ from: '2026-12-01', to: '2026-12-01' })).toBe(false);
  });
});

describe('record routes', () => {
  it('a new record from a customer keeps the customer; an unknown kind is not found', () => {
    expect(parseHash('#/customers/5/records/new/communication')).toEqual({ name: 'recordNew', customerId: 5, kind: 'communication' });
    expect(hrefOf({ name: 'recordNew', kind: 'service', customerId: 5 })).toBe('#/customers/5/records/new/service');
    expect(hrefOf({ name: 'recordNew', kind: 'service' })).toBe('#/records/new/service');
    expect(parseHash('#/records/new/visit').name).toBe('notFound');
    expect(parseHash('#/service/follow-ups?until=2026-12-08')).toEqual({ name: 'serviceFollowUps', query: 'until=2026-12-08' });
    expect(parseHash('#/records/12/edit')).toEqual({ name: 'recordEdit', id: 12 });
  });
});

describe('what the form sends', () => {
  it("sends only its own kind's fields, and the schema asks for what is missing", () => {
    const service = emptyRecord('service', customer, 1, Date.UTC(2026, 11, 1, 9));
    expect(draftFromValues(service)).not.toHaveProperty('channel');
    expect(draftFromValues(service)).not.toHaveProperty('participants');
    const missing = RecordDraft.safeParse(service).error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(missing).toEqual(['content', 'serviceKind']);

    const talk = { ...emptyRecord('communication', customer, 1, Date.UTC(2026, 11, 1, 9)), content: '电话沟通', channel: 'phone' as const, participants: [{ contactId: 7 }, { userId: 2 }] };
    const draft = draftFromValues(talk);
    expect(draft).not.toHaveProperty('phase');
    expect(draft).not.toHaveProperty('contractId');
    expect(RecordDraft.safeParse(draft).success).toBe(true);
    expect(updateFromValues(talk, 9, 3)).not.toHaveProperty('customerId');
  });

  it('after a conflict keeps what was typed over the stored version', () => {
    const base = { ...emptyRecord('service', customer, 1, 0), content: 'old', result: 'r' };
    const mine = { ...base, content: 'mine' };
    const theirs = { ...base, result: 'theirs' };
    expect(mergeOverTheirs(base, mine, theirs)).toEqual({ values: { ...base, content: 'mine', result: 'theirs' }, kept: ['content'] });
  });
});

describe('timeline entries', () => {
  const t = i18next.t.bind(i18next);

  it("translates the codes the core sends as titles, and keeps the user's own words", () => {
    expect(entryTitle(t, { kind: 'service', title: 'repair' })).toBe('维修');
    expect(entryTitle(t, { kind: 'communication', title: 'wechat' })).toBe('微信');
    expect(entryTitle(t, { kind: 'grade', title: 'vip' })).toBe('分级：VIP客户');
    expect(entryTitle(t, { kind: 'contractSigned', title: 'HT-2026-0001' })).toBe('HT-2026-0001');
    expect(entryTitle(t, { kind: 'visit', title: 'repair' })).toBe('repair');
  });

  it('opens the page of a record, visit or contract; a grade or a file opens nothing of its own', () => {
    expect(entryHref({ open: { kind: 'record', id: 3 } })).toBe('#/records/3');
    expect(entryHref({ open: { kind: 'contract', id: 4 } })).toBe('#/contracts/4');
    expect(entryHref({ open: { kind: 'visit', id: 5 } })).toBe('#/visits/5');
    expect(entryHref({ open: { kind: 'customer', id: 5 } })).toBeNull();
    expect(entryHref({ open: { kind: 'attachment', id: 6 } })).toBeNull();
  });
});
