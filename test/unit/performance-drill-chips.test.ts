// The filters only staff performance's links set, as the lists show them: a removable chip in
// words per filter (both languages), and clearing a chip leaves the list's other filters alone.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas } from '../../renderer/src/app/area.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { parseComplaintQuery } from '../../renderer/src/features/complaints/list-query.ts';
import { parseChurnQuery } from '../../renderer/src/features/churn/churn-query.ts';
import { parseListQuery } from '../../renderer/src/features/customers/list-query.ts';
import { complaintDrillChips, customerDrillChips, namesOf, ownerDrillChips, visitDrillChips, withoutChip } from '../../renderer/src/features/performance/drill-chips.ts';
import { parseSurveyQuery } from '../../renderer/src/features/surveys/list-query.ts';
import { parseVisitListQuery } from '../../renderer/src/features/visits/visit-list-query.ts';
import { resources } from '../i18n-resources.ts';

beforeAll(async () => {
  installAreas(Object.values(areas));
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

const nameOf = namesOf([{ id: 3, displayName: '王芳', username: 'wangfang' }]);
const parseCustomerQuery = (search: string) => parseListQuery(search).filters;
const labels = (chips: { label: string }[]) => chips.map((c) => c.label);

describe('the chips of staff performance filters', () => {
  it('shows each filter in words in zh-CN and en-US', async () => {
    const t = i18next.t;
    const customers = parseCustomerQuery('owner=3&returnDueBy=2026-12-02');
    const complaints = parseComplaintQuery('owner=3&closedFrom=2026-11-01&closedTo=2026-11-30&onTime=true');
    const visits = parseVisitListQuery('staffId=3&from=2026-11-01&to=2026-11-30&notCancelled=true');
    const surveys = parseSurveyQuery('owner=3');
    const churn = parseChurnQuery('owner=7');
    await i18next.changeLanguage('zh-CN');
    expect(labels(customerDrillChips(t, customers))).toEqual(['回访到期：2026-12-02 及之前']);
    expect(labels(complaintDrillChips(t, complaints, nameOf))).toEqual(['结案：2026-11-01 至 2026-11-30', '按时结案', '负责人：王芳']);
    expect(labels(visitDrillChips(t, visits))).toEqual(['未取消']);
    expect(labels(ownerDrillChips(t, surveys, nameOf))).toEqual(['负责人：王芳']);
    expect(labels(ownerDrillChips(t, churn, nameOf))).toEqual(['负责人：用户 #7']);
    await i18next.changeLanguage('en-US');
    expect(labels(customerDrillChips(t, customers))).toEqual(['Return visit due by 2026-12-02']);
    expect(labels(complaintDrillChips(t, complaints, nameOf))).toEqual(['Closed 2026-11-01 – 2026-11-30', 'Closed on time', 'Customers of 王芳']);
    expect(labels(visitDrillChips(t, visits))).toEqual(['Not cancelled']);
    expect(labels(ownerDrillChips(t, churn, nameOf))).toEqual(['Customers of user #7']);
    await i18next.changeLanguage('zh-CN');
  });

  it('clears only its own filter (the closed range as one), and shows nothing when the filter is not set', () => {
    const t = i18next.t;
    const complaints = parseComplaintQuery('owner=3&closedFrom=2026-11-01&closedTo=2026-11-30&onTime=true&severity=high');
    const [closed, onTime, owner] = complaintDrillChips(t, complaints, nameOf);
    expect(withoutChip(complaints, closed!)).toEqual({ ownerId: 3, onTime: true, severity: 'high' });
    expect(withoutChip(complaints, onTime!)).toEqual({ ownerId: 3, closedFrom: '2026-11-01', closedTo: '2026-11-30', severity: 'high' });
    expect(withoutChip(complaints, owner!)).not.toHaveProperty('ownerId');
    const visits = parseVisitListQuery('staffId=3&notCancelled=true');
    expect(withoutChip(visits, visitDrillChips(t, visits)[0]!)).toEqual({ staffId: 3 });
    const customers = parseCustomerQuery('grade=vip&returnDueBy=2026-12-02');
    expect(withoutChip(customers, customerDrillChips(t, customers)[0]!)).toEqual({ grade: 'vip' });
    expect(withoutChip(parseChurnQuery('owner=3&rule=interval'), ownerDrillChips(t, { ownerId: 3 }, nameOf)[0]!)).not.toHaveProperty('ownerId');
    expect(customerDrillChips(t, {})).toEqual([]);
    expect(complaintDrillChips(t, { severity: 'high' } as never, nameOf)).toEqual([]); // another filter: no chip
    expect(visitDrillChips(t, {})).toEqual([]);
    expect(ownerDrillChips(t, {}, nameOf)).toEqual([]);
  });
});
