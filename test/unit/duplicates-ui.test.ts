// The duplicates pages' pure parts (renderer/src/features/duplicates): their addresses, how the
// merge dialog compares and shows a field and which value it offers by default, and how a refused
// undo of a merge reads.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAreas } from '../../renderer/src/app/area.ts';
import { hrefOf, parseHash } from '../../renderer/src/app/router.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { linkedParts } from '../../renderer/src/features/duplicates/linked-counts.ts';
import { defaultChoice, rawValue, shownValue } from '../../renderer/src/features/duplicates/merge-fields.ts';
import { undoRefusal } from '../../renderer/src/features/duplicates/use-undo-merge.ts';
import type { Customer } from '../../shared/api/customers.ts';
import { AppFailure } from '../../shared/errors.ts';
import { resources } from '../i18n-resources.ts';

beforeAll(async () => {
  installAreas(Object.values(areas));
  await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
});

const base: Customer = {
  id: 1,
  code: 'C000001',
  kind: 'company',
  name: '上海浦东新区长江国际贸易发展有限公司',
  industry: '',
  region: '',
  address: '',
  phone: '13800138000',
  email: '',
  website: '',
  source: '',
  size: null,
  stage: 'active',
  grade: 'vip',
  ownerId: 3,
  ownerName: '王芳',
  birthday: '',
  birthdayCalendar: 'gregorian',
  notes: '',
  tags: [],
  contacts: [],
  gradeHistory: [],
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
  version: 1,
  actions: { edit: true, delete: true, purge: true },
};

describe('duplicates addresses', () => {
  it('finds #/duplicates and #/duplicates/merges, and links back to them', () => {
    expect(parseHash('#/duplicates')).toEqual({ name: 'duplicates' });
    expect(parseHash('#/duplicates/merges')).toEqual({ name: 'duplicateMerges' });
    expect(hrefOf({ name: 'duplicates' })).toBe('#/duplicates');
    expect(hrefOf({ name: 'duplicateMerges' })).toBe('#/duplicates/merges');
  });
});

describe('the merge dialog fields', () => {
  it('compares a birthday with its calendar: the same text in two calendars differs', () => {
    const solar = { ...base, birthday: '1990-08-15' };
    const lunar = { ...base, birthday: '1990-08-15', birthdayCalendar: 'lunar' as const };
    expect(rawValue(solar, 'birthday')).not.toBe(rawValue(lunar, 'birthday'));
    expect(rawValue(base, 'birthday')).toBe('');
  });

  it('shows coded values in the user words and the owner by name', () => {
    expect(shownValue(i18next.t, base, 'grade')).toBe('VIP客户');
    expect(shownValue(i18next.t, base, 'ownerId')).toBe('王芳');
    expect(shownValue(i18next.t, { ...base, birthday: '1990-08-15', birthdayCalendar: 'lunar' }, 'birthday')).toBe('农历1990年八月十五');
    expect(shownValue(i18next.t, base, 'size')).toBe('');
  });

  it('offers the kept value by default, the merged one only where the kept customer has none', () => {
    const other = { ...base, id: 2, address: '上海市浦东新区世纪大道1000号', grade: 'key' as const, phone: '' };
    expect(defaultChoice(base, other, 'address')).toBe('merge');
    expect(defaultChoice(base, other, 'grade')).toBe('keep');
    expect(defaultChoice(base, other, 'phone')).toBe('keep');
    expect(defaultChoice(base, { ...other, ownerId: 4, ownerName: '李娜' }, 'ownerId')).toBe('keep');
    expect(defaultChoice({ ...base, ownerId: null, ownerName: null }, { ...other, ownerId: 4, ownerName: '李娜' }, 'ownerId')).toBe('merge');
  });

  it('counts what is linked in the plural the language needs, leaving out what there is none of', () => {
    expect(linkedParts(i18next.t, { contacts: 1, contracts: 0, records: 40, visits: 0, surveys: 0, complaints: 2 })).toEqual(['1 位联系人', '40 条记录', '2 条投诉']);
  });
});

describe('a refused undo of a merge', () => {
  it('names the customer edited since, or says it was already undone', () => {
    const edited = new AppFailure('CONFLICT', 'duplicates.undoMerge: edited since', { reason: 'editedSince', customers: [{ id: 1, name: '客户A' }] });
    expect(undoRefusal(i18next.t, edited)).toBe('无法撤销此次合并：客户A 在合并后被修改过（合并所设置的字段）。请先改回，或保留此次合并。');
    const undone = new AppFailure('CONFLICT', 'duplicates.undoMerge: already undone', { reason: 'undone' });
    expect(undoRefusal(i18next.t, undone)).toBe('此次合并已撤销。');
    expect(undoRefusal(i18next.t, new AppFailure('FORBIDDEN', 'duplicates.undoMerge: no'))).toBe(i18next.t('errors.FORBIDDEN'));
  });
});
