// Satisfaction surveys: a low score opens a complaint in the same call, with the deadline of the
// customer's grade (hours, or working days when the owner says so), assigned to the customer's
// responsible staff member; survey_month_totals always equal the sums recomputed from the surveys
// (create, update, delete, restore, purge, the customer's purge); bad input is refused with its
// reason and changes nothing; dimensions are the owner's. Roles × scope: surveys-scope.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyDraftInput } from '../../shared/api/surveys.ts';
import { monthRange } from '../../shared/api/surveys.ts';
import { fieldIssuesOf } from '../../shared/error-details.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';
import { allSurveys, recomputeTrends } from './surveys-kit.ts';

let h: Harness;
let staffId: number;
let managerId: number;
const customers: Record<string, number> = {};
const HOUR = 3_600_000;

const survey = (customerId: number, over: Partial<SurveyDraftInput> = {}): SurveyDraftInput => ({
  customerId,
  at: new Date(2026, 10, 30, 15).getTime(),
  channel: 'phone',
  scores: [
    { dimensionId: 1, score: 5 },
    { dimensionId: 2, score: 4 },
  ],
  nps: 9,
  ...over,
});

beforeAll(async () => {
  h = makeHarness();
  // Wednesday 2 December 2026, 10:00 local: no holiday near.
  h.clock.now = new Date(2026, 11, 2, 10).getTime();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  staffId = (await userNamed(h, 'staff')).id;
  managerId = (await userNamed(h, 'manager')).id;
  for (const grade of ['vip', 'key', 'normal', 'potential'] as const) {
    customers[grade] = (await h.call('owner', 'customers.create', { name: `${grade} 客户`, grade, ownerId: staffId })).id;
  }
  customers.nobody = (await h.call('owner', 'customers.create', { name: '没有负责人的客户', grade: 'normal', ownerId: null })).id;
  customers.managers = (await h.call('owner', 'customers.create', { name: '经理的客户', grade: 'vip', ownerId: managerId })).id;
}, 60_000);
afterAll(() => h.cleanup());

describe('a low score opens a complaint', () => {
  it('with the deadline of the customer grade, assigned to the responsible staff member', async () => {
    const hours = { vip: 24, key: 48, normal: 72, potential: 72 };
    for (const [grade, h_] of Object.entries(hours)) {
      const made = await h.call('manager', 'surveys.create', survey(customers[grade]!, { scores: [{ dimensionId: 1, score: 4 }, { dimensionId: 2, score: 2 }], nps: 5, comment: '等了三天才回电话' }));
      expect(made.complaint, grade).not.toBeNull();
      expect(made.complaint!.dueAt, grade).toBe(h.clock.now + h_ * HOUR);
      expect(made.complaint!.assigneeId).toBe(staffId);
      expect(made.complaint!.assigneeName).toBe('staff');
      expect(made.survey.complaintId).toBe(made.complaint!.id);
      const complaint = await h.call('owner', 'complaints.get', { id: made.complaint!.id });
      expect(complaint.surveyId).toBe(made.survey.id);
      expect(complaint.source).toBe('survey');
      expect(complaint.category).toBe('service');
      expect(complaint.severity).toBe('medium');
      expect(complaint.customerId).toBe(customers[grade]);
      expect(complaint.dueAt).toBe(made.complaint!.dueAt);
      // The description says what was low and what the customer said.
      expect(complaint.description).toContain('服务态度');
      expect(complaint.description).toContain('2/5');
      expect(complaint.description).toContain('NPS 5/10');
      expect(complaint.description).toContain('等了三天才回电话');
      expect(complaint.description).not.toContain('产品质量');
    }
  });

  it('high when a dimension scored 1 or the NPS is 3 or less; nobody assigned when the customer has no responsible staff', async () => {
    const one = await h.call('owner', 'surveys.create', survey(customers.nobody!, { scores: [{ dimensionId: 3, score: 1 }], nps: null }));
    expect(one.complaint!.assigneeId).toBeNull();
    expect((await h.call('owner', 'complaints.get', { id: one.complaint!.id })).severity).toBe('high');
    const three = await h.call('owner', 'surveys.create', survey(customers.managers!, { scores: [], nps: 3 }));
    expect(three.complaint!.assigneeId).toBe(managerId);
    expect((await h.call('owner', 'complaints.get', { id: three.complaint!.id })).severity).toBe('high');
  });

  it('opens nothing for good answers, nor on an edit that makes them low', async () => {
    const made = await h.call('owner', 'surveys.create', survey(customers.vip!));
    expect(made.complaint).toBeNull();
    expect(made.survey.complaintId).toBeNull();
    const before = (await h.call('owner', 'complaints.counts', {})).open;
    const { customerId: _c, ...fields } = survey(customers.vip!, { nps: 0 });
    const edited = await h.call('owner', 'surveys.update', { id: made.survey.id, version: made.survey.version, ...fields });
    expect(edited.nps).toBe(0);
    expect(edited.complaintId).toBeNull();
    expect((await h.call('owner', 'complaints.counts', {})).open).toBe(before);
  });

  it("follows the owner's thresholds", async () => {
    const standards = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', { version: standards.version, lowScore: { dimensionAtMost: 3, npsAtMost: 2 } });
    try {
      expect((await h.call('owner', 'surveys.create', survey(customers.key!, { scores: [{ dimensionId: 1, score: 3 }], nps: null }))).complaint).not.toBeNull();
      expect((await h.call('owner', 'surveys.create', survey(customers.key!, { scores: [], nps: 4 }))).complaint).toBeNull();
    } finally {
      const now = await h.call('owner', 'standards.get', {});
      await h.call('owner', 'standards.update', { version: now.version, lowScore: { dimensionAtMost: 2, npsAtMost: 6 } });
    }
  });

  it('counts working days when the owner says so: a survey on a Saturday is due after the Monday', async () => {
    const standards = await h.call('owner', 'standards.get', {});
    await h.call('owner', 'standards.update', { version: standards.version, workingDays: true });
    const saved = h.clock.now;
    try {
      h.clock.now = new Date(2026, 10, 28, 10).getTime(); // Saturday 28 November 2026
      const made = await h.call('owner', 'surveys.create', survey(customers.vip!, { at: h.clock.now, nps: 2 }));
      // 24 working hours from Monday 30 November 00:00.
      expect(made.complaint!.dueAt).toBe(new Date(2026, 11, 1).getTime());
    } finally {
      h.clock.now = saved;
      const now = await h.call('owner', 'standards.get', {});
      await h.call('owner', 'standards.update', { version: now.version, workingDays: false });
    }
  });

  it('keeps the description within a complaint description, whatever the comment', async () => {
    const made = await h.call('owner', 'surveys.create', survey(customers.normal!, { nps: 4, comment: '很'.repeat(5000) }));
    const complaint = await h.call('owner', 'complaints.get', { id: made.complaint!.id });
    expect(complaint.description.length).toBe(5000);
    // The complaint stays editable as it was made.
    await h.call('owner', 'complaints.update', { id: complaint.id, version: complaint.version, description: complaint.description });
  });

  it('writes survey.create and complaint.create in the audit log', async () => {
    const made = await h.call('owner', 'surveys.create', survey(customers.potential!, { nps: 1 }));
    const surveyEntries = (await h.call('owner', 'audit.list', { entity: 'survey', limit: 100 })).rows.filter((e) => e.entityId === made.survey.id);
    expect(surveyEntries.map((e) => e.action)).toEqual(['survey.create']);
    const complaintEntries = (await h.call('owner', 'audit.list', { entity: 'complaint', limit: 100 })).rows.filter((e) => e.entityId === made.complaint!.id);
    expect(complaintEntries.map((e) => e.action)).toEqual(['complaint.create']);
  });
});

describe('bad input is refused with its reason and changes nothing', () => {
  it('score 6, NPS 11, no answer, a retired or unknown dimension, twice the same, a record or visit of another customer, an inactive staff member', async () => {
    const otherRecord = await h.call('owner', 'records.create', { customerId: customers.key!, kind: 'communication', at: h.clock.now, content: 'x', channel: 'phone' });
    const otherVisit = (await h.call('owner', 'visits.create', { customerId: customers.key!, staffId, onDay: '2026-12-03', startMinute: 600, purpose: 'x' })).visit;
    const retired = await h.call('owner', 'surveys.saveDimension', { name: '包装', key: 'packaging' });
    await h.call('owner', 'surveys.retireDimension', { id: retired.id, retired: true });
    const before = (await h.call('owner', 'surveys.list', { limit: 100 })).rows.length;
    const auditBefore = (await h.call('owner', 'audit.list', { limit: 1 })).rows[0]!.id;
    const openBefore = (await h.call('owner', 'complaints.counts', {})).open;
    const reasons = async (draft: unknown) =>
      fieldIssuesOf(await h.failure('owner', 'surveys.create', draft, 'VALIDATION')).map((i) => `${i.path.join('.')}:${i.code && i.code !== 'custom' ? i.code : i.message}`);
    const base = survey(customers.vip!, { nps: 2 }); // low: would open a complaint if it were accepted
    expect(await reasons({ ...base, scores: [{ dimensionId: 1, score: 6 }] })).toEqual(['scores.0.score:too_big']);
    expect(await reasons({ ...base, scores: [{ dimensionId: 1, score: 0 }] })).toEqual(['scores.0.score:too_small']);
    expect(await reasons({ ...base, nps: 11 })).toEqual(['nps:too_big']);
    expect(await reasons({ ...base, nps: -1 })).toEqual(['nps:too_small']);
    expect(await reasons({ ...base, scores: [], nps: null })).toEqual(['scores:required']);
    expect(await reasons({ ...base, scores: [{ dimensionId: retired.id, score: 1 }] })).toEqual(['scores.0.dimensionId:dimension']);
    expect(await reasons({ ...base, scores: [{ dimensionId: 999, score: 1 }] })).toEqual(['scores.0.dimensionId:dimension']);
    expect(await reasons({ ...base, scores: [{ dimensionId: 1, score: 1 }, { dimensionId: 1, score: 2 }] })).toEqual(['scores.1.dimensionId:dimension']);
    expect(await reasons({ ...base, recordId: otherRecord.id })).toEqual(['recordId:record']);
    expect(await reasons({ ...base, visitId: otherVisit.id })).toEqual(['visitId:visit']);
    expect(await reasons({ ...base, staffId: 999 })).toEqual(['staffId:staff']);
    expect(await reasons({ ...base, comment: 'x'.repeat(5001) })).toEqual(['comment:too_big']);
    expect(await reasons({ ...base, customerId: 999 })).toEqual(['customerId:customer']);
    expect((await h.call('owner', 'surveys.list', { limit: 100 })).rows.length).toBe(before);
    expect((await h.call('owner', 'audit.list', { limit: 1 })).rows[0]!.id).toBe(auditBefore);
    expect((await h.call('owner', 'complaints.counts', {})).open).toBe(openBefore);
    await h.call('owner', 'surveys.retireDimension', { id: retired.id, retired: false });
  });

  it('takes the record or visit staff member by default, and refuses a stale version', async () => {
    const record = await h.call('owner', 'records.create', { customerId: customers.normal!, kind: 'communication', at: h.clock.now, staffId: managerId, content: 'x', channel: 'phone' });
    const made = await h.call('owner', 'surveys.create', survey(customers.normal!, { recordId: record.id }));
    expect(made.survey.staffId).toBe(managerId);
    expect(made.survey.askedBy).toBe((await userNamed(h, 'boss')).id);
    const own = await h.call('staff', 'surveys.create', survey(customers.normal!));
    expect(own.survey.staffId).toBe(staffId);
    const { customerId: _c, ...fields } = survey(customers.normal!, { recordId: record.id });
    await h.call('owner', 'surveys.update', { id: made.survey.id, version: 1, ...fields, comment: '改' });
    await h.failure('owner', 'surveys.update', { id: made.survey.id, version: 1, ...fields, comment: '再改' }, 'CONFLICT');
    expect((await h.call('owner', 'surveys.get', { id: made.survey.id })).comment).toBe('改');
  });

  it('keeps an answer to a dimension retired since, on an edit', async () => {
    const dimension = await h.call('owner', 'surveys.saveDimension', { name: '环境' });
    const made = await h.call('owner', 'surveys.create', survey(customers.normal!, { scores: [{ dimensionId: dimension.id, score: 4 }] }));
    await h.call('owner', 'surveys.retireDimension', { id: dimension.id, retired: true });
    const { customerId: _c, ...fields } = survey(customers.normal!, { scores: [{ dimensionId: dimension.id, score: 5 }] });
    const edited = await h.call('owner', 'surveys.update', { id: made.survey.id, version: 1, ...fields });
    expect(edited.scores).toEqual([{ dimensionId: dimension.id, key: dimension.key, name: '环境', retired: true, score: 5 }]);
  });
});

async function expectTotalsRecomputed(step: string): Promise<void> {
  const rows = await allSurveys(h);
  for (const staff of [undefined, staffId, managerId, null]) {
    const trends = await h.call('owner', 'surveys.trends', { from: '2026-09', to: '2027-01', ...(staff === undefined ? {} : { staffId: staff }) });
    const expected = recomputeTrends(rows, monthRange('2026-09', '2027-01'), trends.dimensions.map((d) => d.id), staff);
    expect(trends.months, `${step}, staff ${staff}`).toEqual(expected);
  }
  // A customer's trends read the rows themselves: they agree with the same recomputation.
  const trends = await h.call('owner', 'surveys.trends', { customerId: customers.vip!, from: '2026-09', to: '2027-01' });
  expect(trends.months, `${step}, customer`).toEqual(recomputeTrends(rows.filter((r) => r.customerId === customers.vip), monthRange('2026-09', '2027-01'), trends.dimensions.map((d) => d.id)));
}

describe('survey_month_totals', () => {
  it('equal the sums recomputed from the surveys after every change', async () => {
    await expectTotalsRecomputed('start');
    const a = await h.call('owner', 'surveys.create', survey(customers.vip!, { at: new Date(2026, 9, 31, 23, 30).getTime(), staffId, nps: 7 }));
    const b = await h.call('owner', 'surveys.create', survey(customers.vip!, { at: new Date(2026, 10, 1, 0, 30).getTime(), staffId: null, nps: null }));
    await expectTotalsRecomputed('created');
    // Another month, staff member and answers.
    const { customerId: _c, ...fields } = survey(customers.vip!, { at: new Date(2026, 8, 15).getTime(), staffId: managerId, scores: [{ dimensionId: 3, score: 2 }], nps: 10 });
    const a2 = await h.call('owner', 'surveys.update', { id: a.survey.id, version: a.survey.version, ...fields });
    await expectTotalsRecomputed('updated');
    await h.call('owner', 'surveys.delete', { id: a2.id, version: a2.version });
    await expectTotalsRecomputed('deleted');
    await h.call('owner', 'surveys.restore', { id: a2.id });
    await expectTotalsRecomputed('restored');
    await h.call('owner', 'surveys.delete', { id: b.survey.id, version: b.survey.version });
    await h.call('owner', 'surveys.purge', { id: b.survey.id });
    await h.failure('owner', 'surveys.get', { id: b.survey.id }, 'NOT_FOUND');
    await expectTotalsRecomputed('purged');
  });

  it("follow the customer to the recycle bin and back, and go with the customer's purge; the complaints they opened go with the customer", async () => {
    const gone = (await h.call('owner', 'customers.create', { name: '将被清除的客户', grade: 'vip', ownerId: staffId })).id;
    const made = await h.call('owner', 'surveys.create', survey(gone, { nps: 0 }));
    await h.call('owner', 'surveys.create', survey(gone, { at: new Date(2026, 9, 5).getTime() }));
    const binned = await h.call('owner', 'surveys.create', survey(gone, { at: new Date(2026, 9, 6).getTime(), nps: 8 }));
    await h.call('owner', 'surveys.delete', { id: binned.survey.id, version: binned.survey.version });
    await expectTotalsRecomputed('before the purge');
    // In the recycle bin, the customer's surveys are hidden everywhere: out of the totals too; restored, back.
    const version = (await h.call('owner', 'customers.get', { id: gone })).version;
    await h.call('owner', 'customers.delete', { id: gone, version });
    await expectTotalsRecomputed('customer in the recycle bin');
    await h.call('owner', 'customers.restore', { id: gone });
    await expectTotalsRecomputed('customer restored');
    await h.call('owner', 'customers.delete', { id: gone, version: (await h.call('owner', 'customers.get', { id: gone })).version });
    await h.call('owner', 'customers.purge', { id: gone });
    await h.failure('owner', 'surveys.get', { id: made.survey.id }, 'NOT_FOUND');
    await h.failure('owner', 'complaints.get', { id: made.complaint!.id }, 'NOT_FOUND');
    await expectTotalsRecomputed('after the purge');
  });

  it('trends list every month of the range and refuse more than 60 months or a reversed range', async () => {
    const trends = await h.call('owner', 'surveys.trends', { from: '2021-01', to: '2025-12' });
    expect(trends.months).toHaveLength(60);
    expect(trends.months.every((m) => m.nps.answers === 0 && m.nps.score === null)).toBe(true);
    const reason = async (input: unknown) => fieldIssuesOf(await h.failure('owner', 'surveys.trends', input, 'VALIDATION')).map((i) => i.message);
    expect(await reason({ from: '2021-01', to: '2026-01' })).toEqual(['monthSpan']);
    expect(await reason({ from: '2026-02', to: '2026-01' })).toEqual(['dateOrder']);
    expect(await reason({ from: '2026-13', to: '2026-12' })).toEqual(['date']);
  });
});

describe('dimensions', () => {
  it('are the owner’s: add, rename, back to the built-in name, retire and unretire, each audited', async () => {
    const added = await h.call('owner', 'surveys.saveDimension', { name: '交付准时' });
    expect(added).toMatchObject({ key: `d${added.id}`, name: '交付准时', retired: false });
    const renamed = await h.call('owner', 'surveys.saveDimension', { id: 2, name: '服务热情', version: 1 });
    expect(renamed).toMatchObject({ key: 'attitude', name: '服务热情', version: 2 });
    await h.failure('owner', 'surveys.saveDimension', { id: 2, name: '再改', version: 1 }, 'CONFLICT');
    expect(await h.call('owner', 'surveys.saveDimension', { id: 2, name: '', version: 2 })).toMatchObject({ name: '' });
    const reasons = async (input: unknown) => fieldIssuesOf(await h.failure('owner', 'surveys.saveDimension', input, 'VALIDATION')).map((i) => `${i.path.join('.')}:${i.message}`);
    expect(await reasons({ name: '' })).toEqual(['name:required']);
    expect(await reasons({ id: added.id, name: '', version: 1 })).toEqual(['name:required']);
    expect(await reasons({ name: '质量', key: 'QUALITY' })).toEqual(['key:taken']);
    const retired = await h.call('owner', 'surveys.retireDimension', { id: added.id, retired: true });
    expect(retired.retired).toBe(true);
    expect((await h.call('staff', 'surveys.dimensions', {})).find((d) => d.id === added.id)?.retired).toBe(true);
    expect((await h.call('owner', 'surveys.retireDimension', { id: added.id, retired: false })).retired).toBe(false);
    for (const role of ['manager', 'staff', 'viewer']) {
      await h.failure(role, 'surveys.saveDimension', { name: 'x' }, 'FORBIDDEN');
      await h.failure(role, 'surveys.retireDimension', { id: 1, retired: true }, 'FORBIDDEN');
    }
    const actions = (await h.call('owner', 'audit.list', { entity: 'surveyDimension', limit: 100 })).rows.filter((e) => e.entityId === added.id).map((e) => e.action);
    expect(actions.sort()).toEqual(['surveyDimension.create', 'surveyDimension.retire', 'surveyDimension.unretire']);
  });
});
