// The loyalty screens' pure parts: the programme form's text → the core's integers (and every
// problem keyed by the core's own path, so its reasons land on the same field), the members list's
// address, and the ledger's signed points.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LoyaltySettingsDraft } from '../../shared/api/loyalty.ts';
import { installAreas } from '../../renderer/src/app/area.ts';
import * as areas from '../../renderer/src/features/areas.ts';
import { formatMemberQuery, parseMemberQuery } from '../../renderer/src/features/loyalty/members-query.ts';
import { signedPoints, tierChangeReason } from '../../renderer/src/features/loyalty/loyalty-format.ts';
import { resources } from '../i18n-resources.ts';
import { newTierKey, parsePermille, parseValues, permilleText, toValues, type SettingsValues } from '../../renderer/src/features/loyalty/settings-draft.ts';

const base: SettingsValues = {
  enabled: true,
  currency: 'CNY',
  perAmount: '1',
  points: '1',
  perItem: [{ row: 1, itemId: 7, points: '5' }],
  expiryMonths: '12',
  referralPoints: '２００',
  tiers: [
    { key: 'normal', name: ' 普通会员 ', threshold: '0', multiplier: '1', benefits: '' },
    { key: 'silver', name: '银卡', threshold: '1,000', multiplier: '1.25', benefits: '生日双倍积分' },
  ],
};

describe('programme form', () => {
  it('turns typed text into the core settings, digit by digit, which the contract accepts', () => {
    const parsed = parseValues(base);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.data).toEqual({
      enabled: true,
      currency: 'CNY',
      earn: { perAmountMinor: 100, points: 1, perItem: [{ itemId: 7, points: 5 }] },
      expiryMonths: 12,
      referralPoints: 200,
      tiers: [
        { key: 'normal', name: '普通会员', threshold: 0, multiplierPermille: 1000, benefits: '' },
        { key: 'silver', name: '银卡', threshold: 1000, multiplierPermille: 1250, benefits: '生日双倍积分' },
      ],
    });
    expect(LoyaltySettingsDraft.safeParse(parsed.data).success).toBe(true);
    // Stored settings come back as the same text (JPY has no minor units).
    const again = toValues({ ...parsed.data, currency: 'JPY', earn: { ...parsed.data.earn, perAmountMinor: 100 } });
    expect([again.perAmount, again.tiers[1]?.multiplier, again.tiers[1]?.threshold]).toEqual(['100', '1.25', '1000']);
  });

  it('finds every problem at once, each at the path the core names', () => {
    const parsed = parseValues({
      ...base,
      perAmount: '0.001',
      points: '-1',
      perItem: [
        { row: 1, itemId: 7, points: '5' },
        { row: 2, itemId: 7, points: '0' },
        { row: 3, itemId: null, points: '' },
      ],
      expiryMonths: '121',
      tiers: [
        { key: 'normal', name: '', threshold: '10', multiplier: 'x', benefits: '' },
        { key: 'silver', name: '银卡', threshold: '5', multiplier: '1000', benefits: '' },
        { key: 'gold', name: '银卡', threshold: '', multiplier: '', benefits: '' },
      ],
    });
    if (parsed.ok) throw new Error('refused expected');
    expect(Object.fromEntries(Object.entries(parsed.problems).map(([path, p]) => [path, p.key]))).toEqual({
      'earn.perAmountMinor': 'amountDecimals',
      'earn.points': 'whole',
      'earn.perItem.1.itemId': 'itemTwice',
      'earn.perItem.1.points': 'range',
      'earn.perItem.2.itemId': 'required',
      'earn.perItem.2.points': 'required',
      expiryMonths: 'range',
      'tiers.0.name': 'required',
      'tiers.0.threshold': 'firstThreshold',
      'tiers.0.multiplierPermille': 'multiplierFormat',
      'tiers.1.threshold': 'thresholdOrder',
      'tiers.1.multiplierPermille': 'multiplierRange',
      'tiers.2.name': 'nameTwice',
      'tiers.2.threshold': 'required',
      'tiers.2.multiplierPermille': 'required',
    });
    expect(parseValues({ ...base, tiers: [] })).toMatchObject({ ok: false, problems: { tiers: { key: 'noTier' } } });
  });

  it('reads multipliers to three decimals and gives new tiers keys of their own', () => {
    expect([parsePermille('1.5'), parsePermille('×2'), parsePermille('０.125'), parsePermille('1.2345'), parsePermille('')]).toEqual([1500, 2000, 125, null, null]);
    expect([permilleText(1500), permilleText(1000), permilleText(125)]).toEqual(['1.5', '1', '0.125']);
    expect(newTierKey([{ key: 'tier2', name: '', threshold: '', multiplier: '', benefits: '' }])).toBe('tier3');
  });
});

describe('members list address', () => {
  it('keeps valid filters and drops the rest', () => {
    expect(parseMemberQuery('tier=gold&expiring=1&q=%20龙%20')).toEqual({ tier: 'gold', expiringNextMonth: true, q: '龙' });
    expect(parseMemberQuery('tier=GOLD!&expiring=yes')).toEqual({});
    expect(formatMemberQuery({ q: '龙', tier: 'gold', expiringNextMonth: true })).toBe('tier=gold&expiring=1&q=%E9%BE%99');
  });
});

describe('ledger points', () => {
  it('carry their sign', () => {
    expect([signedPoints(138), signedPoints(-50)]).toEqual(['+138', '−50']);
  });
});

describe('tier history', () => {
  it('names joining in both languages, without threshold figures (it crossed none)', async () => {
    // The modules are imported at the top: loading every area's screens is slow on a busy machine and
    // an import inside the test counted against its timeout (it timed out under load).
    installAreas(Object.values(areas));
    const t = i18next.createInstance();
    await t.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } });
    const joined = { id: 1, at: 0, onDay: '2026-11-22', from: null, fromName: null, to: 'normal', toName: '普通会员', qualifying: 0, threshold: 0, cause: 'join' as const };
    expect(tierChangeReason(t.t, joined)).toBe('加入会员计划');
    await t.changeLanguage('en-US');
    expect(tierChangeReason(t.t, joined)).toBe('Joined the programme');
  });
});
