// The complaints pages' pure parts (renderer/src/features/complaints) and the customer timeline's
// issue-11 entries: the list's address, what the form checks and sends, the routes, and how a
// survey, complaint or care entry reads and where it leads.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas } from '../../renderer/src/app/area.ts';
import { hrefOf, parseHash } from '../../renderer/src/app/router.ts';
import { validate } from '../../renderer/src/app/validation.ts';
import { ComplaintFormSchema, draftFromValues, emptyComplaint, updateFromValues, withDueText, withOpenedText } from '../../renderer/src/features/complaints/complaint-draft.ts';
import { formatComplaintQuery, listInput, parseComplaintQuery } from '../../renderer/src/features/complaints/list-query.ts';
import { entryHref, entryTitle } from '../../renderer/src/features/timeline/timeline-entry.ts';
import type { TimelineEntry } from '../../shared/api/timeline.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { resources } from '../i18n-resources.ts';

beforeAll(async () => {
  installAreas(Object.values(areas));
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

const customer = { id: 5, name: '上海浦东新区长江国际贸易发展有限公司', code: 'C000005' };
const OPENED = new Date(2026, 11, 1, 9, 0).getTime();

describe('the complaints list address', () => {
  it('keeps every filter, "assigned to nobody" included, and drops what is not one', () => {
    const filters = parseComplaintQuery('status=overdue&assignee=none&severity=high&category=billing');
    expect(filters).toEqual({ status: 'overdue', assigneeId: null, severity: 'high', category: 'billing' });
    expect(parseComplaintQuery(formatComplaintQuery(filters))).toEqual(filters);
    expect(parseComplaintQuery('status=late&assignee=0&severity=huge&category=x')).toEqual({});
    expect(parseComplaintQuery('status=all&assignee=3')).toEqual({ assigneeId: 3 });
    expect(formatComplaintQuery({})).toBe('');
  });

  it('asks the core for all complaints by default, nobody\'s as assigneeId null', () => {
    expect(listInput({}, 50)).toEqual({ status: 'all', limit: 50 });
    expect(listInput({ status: 'open', assigneeId: null }, 50)).toEqual({ status: 'open', assigneeId: null, limit: 50 });
  });
});

describe('the complaint form', () => {
  const problems = (values: object) => Object.fromEntries(Object.entries(validate(ComplaintFormSchema, values)).map(([path, issue]) => [path, issue.message]));

  it('a new complaint leaves its deadline to the core (the grade\'s standard) and says what is missing', () => {
    const values = emptyComplaint(customer, 7, OPENED);
    expect(values).toMatchObject({ customerId: 5, assigneeId: 7, openedAt: OPENED, dueAt: null, severity: 'medium', category: null, source: null });
    expect(Object.keys(problems(values)).sort()).toEqual(['category', 'description', 'source']);
    // A choice not made reads "required", not "not a valid choice".
    expect(problems(values)).toMatchObject({ category: 'required', source: 'required' });
    const filled = { ...values, category: 'service' as const, source: 'phone' as const, description: '安装延误三天' };
    expect(problems(filled)).toEqual({});
    expect(draftFromValues(filled)).toEqual({ customerId: 5, category: 'service', severity: 'medium', source: 'phone', description: '安装延误三天', assigneeId: 7, openedAt: OPENED });
  });

  it('refuses a deadline before the opening (reason deadline) and sends a typed one', () => {
    const values = { ...emptyComplaint(customer, null, OPENED), category: 'product' as const, source: 'wechat' as const, description: '包装破损' };
    expect(problems(withDueText(values, '2026-11-30T18:00'))).toEqual({ dueAt: 'deadline' });
    expect(problems(withDueText(withOpenedText(values, '2026-11-29T08:00'), '2026-11-30T18:00'))).toEqual({});
    const due = withDueText(values, '2026-12-02T18:00');
    expect(draftFromValues(due).dueAt).toBe(new Date(2026, 11, 2, 18, 0).getTime());
    // An edit sends neither the customer nor the opening (neither changes once recorded).
    expect(updateFromValues(due, 9, 3)).toEqual({ id: 9, version: 3, category: 'product', severity: 'medium', source: 'wechat', description: '包装破损', assigneeId: null, dueAt: new Date(2026, 11, 2, 18, 0).getTime() });
  });
});

describe('complaint routes', () => {
  it('has the list with its filters, a complaint, its edit page and a new one from a customer', () => {
    expect(hrefOf({ name: 'complaints', query: 'status=overdue' })).toBe('#/complaints?status=overdue');
    expect(hrefOf({ name: 'complaintNew', customerId: 5 })).toBe('#/customers/5/complaints/new');
    expect(hrefOf({ name: 'complaintNew' })).toBe('#/complaints/new');
    expect(parseHash('#/complaints/12')).toEqual({ name: 'complaint', id: 12 });
    expect(parseHash('#/complaints/12/edit')).toEqual({ name: 'complaintEdit', id: 12 });
    expect(parseHash('#/complaints/new')).toEqual({ name: 'complaintNew' });
  });
});

describe('issue 11 timeline entries', () => {
  const t = i18next.t.bind(i18next);
  const entry = (kind: string, title: string) => ({ kind, title }) as Pick<TimelineEntry, 'kind' | 'title'>; // 'care' may not have joined TimelineKind yet

  it('read a survey\'s channel, a complaint\'s category and a care note\'s occasion in the user\'s language', () => {
    expect(entryTitle(t, entry('survey', 'phone'))).toBe('电话回访');
    expect(entryTitle(t, entry('complaint', 'billing'))).toBe('费用账单');
    expect(entryTitle(t, entry('care', 'birthday'))).toBe('生日');
    expect(entryTitle(t, entry('care', '送了一盒茶叶'))).toBe('送了一盒茶叶');
  });

  it('open the survey\'s or the complaint\'s page', () => {
    expect(entryHref({ open: { kind: 'complaint', id: 12 } } as Pick<TimelineEntry, 'open'>)).toBe('#/complaints/12');
    expect(entryHref({ open: { kind: 'survey', id: 4 } } as Pick<TimelineEntry, 'open'>)).toBe('#/surveys/4');
  });
});
