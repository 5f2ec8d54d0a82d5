// The programme's settings as the form holds them: what the user typed (an amount "1.00", a
// multiplier "1.5", points "10"), turned into the core's integers (minor units, permille, points)
// digit by digit, never through a float. Each problem is keyed by the path the core's VALIDATION
// names (`tiers.1.threshold`), so the form shows the core's and its own reasons in the same place.
import { BENEFITS_MAX, EXPIRY_MONTHS_MAX, POINTS_MAX, TIER_NAME_MAX, type LoyaltySettings } from '../../../../shared/api/loyalty.ts';
import { decimalText, parseAmount } from '../contracts/money.ts';

export type TierValues = { key: string; name: string; threshold: string; multiplier: string; benefits: string };
export type PerItemValues = { row: number; itemId: number | null; points: string };

export type SettingsValues = {
  enabled: boolean;
  currency: string;
  perAmount: string;
  points: string;
  perItem: PerItemValues[];
  expiryMonths: string;
  referralPoints: string;
  tiers: TierValues[];
};

/** The core's shape without its version (what loyalty.saveSettings takes as `settings`). */
export type SettingsData = Omit<LoyaltySettings, 'version'>;

/** A problem's words: a key under `loyaltySettings.problems` (with its values). */
export type Problem = { key: string; values?: Record<string, number> };
export type Problems = Record<string, Problem>;

/** Multipliers up to ×100 (the core's 100,000 permille), at most three decimals. */
const MULTIPLIER_MAX = 100_000;

let nextRow = 1;
/** A key for a row React keeps while rows are added and removed. */
export const newRow = () => nextRow++;

/** "1.5" → 1500; null when not a number with at most three decimals. */
export function parsePermille(text: string): number | null {
  const clean = text.normalize('NFKC').replace(/[\s×xX]/g, '');
  const match = /^(\d{1,5})(?:\.(\d{0,3}))?$/.exec(clean);
  if (!match) return null;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/** 1500 → "1.5" (the form's text for a stored multiplier). */
export function permilleText(permille: number): string {
  const whole = Math.floor(permille / 1000);
  const fraction = String(permille % 1000).padStart(3, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** A whole number typed (full-width digits and grouping allowed); null when it is not one. */
export function parseWhole(text: string): number | null {
  const clean = text.normalize('NFKC').replace(/[\s,_]/g, '');
  return /^\d{1,12}$/.test(clean) ? Number(clean) : null;
}

export function toValues(data: SettingsData): SettingsValues {
  return {
    enabled: data.enabled,
    currency: data.currency,
    perAmount: decimalText(data.earn.perAmountMinor, data.currency),
    points: String(data.earn.points),
    perItem: data.earn.perItem.map((p) => ({ row: newRow(), itemId: p.itemId, points: String(p.points) })),
    expiryMonths: String(data.expiryMonths),
    referralPoints: String(data.referralPoints),
    tiers: data.tiers.map((tier) => ({ key: tier.key, name: tier.name, threshold: String(tier.threshold), multiplier: permilleText(tier.multiplierPermille), benefits: tier.benefits })),
  };
}

/** A key for a new tier, unlike the others' (the core keeps keys: history rows name them). */
export function newTierKey(tiers: readonly TierValues[]): string {
  let n = tiers.length + 1;
  while (tiers.some((tier) => tier.key === `tier${n}`)) n++;
  return `tier${n}`;
}

function whole(problems: Problems, path: string, text: string, min: number, max: number): number {
  const n = parseWhole(text);
  if (text.trim() === '') problems[path] = { key: 'required' };
  else if (n === null) problems[path] = { key: 'whole' };
  else if (n < min || n > max) problems[path] = { key: 'range', values: { min, max } };
  return n ?? 0;
}

/** The values checked and converted: the settings to save, or every problem found (none is lost). */
export function parseValues(v: SettingsValues): { ok: true; data: SettingsData } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const amount = parseAmount(v.perAmount, v.currency);
  let perAmountMinor = 0;
  if (!amount.ok) problems['earn.perAmountMinor'] = { key: amount.reason === 'decimals' ? 'amountDecimals' : 'amountFormat' };
  else if (amount.minor === null) problems['earn.perAmountMinor'] = { key: 'required' };
  else if (amount.minor < 1) problems['earn.perAmountMinor'] = { key: 'amountPositive' };
  else perAmountMinor = amount.minor;
  const points = whole(problems, 'earn.points', v.points, 0, POINTS_MAX);
  const seen = new Set<number>();
  const perItem = v.perItem.map((p, i) => {
    if (p.itemId === null) problems[`earn.perItem.${i}.itemId`] = { key: 'required' };
    else if (seen.has(p.itemId)) problems[`earn.perItem.${i}.itemId`] = { key: 'itemTwice' };
    else seen.add(p.itemId);
    return { itemId: p.itemId ?? 0, points: whole(problems, `earn.perItem.${i}.points`, p.points, 1, POINTS_MAX) };
  });
  const expiryMonths = whole(problems, 'expiryMonths', v.expiryMonths, 0, EXPIRY_MONTHS_MAX);
  const referralPoints = whole(problems, 'referralPoints', v.referralPoints, 0, POINTS_MAX);
  if (v.tiers.length === 0) problems.tiers = { key: 'noTier' };
  const names = new Set<string>();
  const tiers = v.tiers.map((tier, i) => {
    const name = tier.name.trim();
    const folded = name.normalize('NFKC').toLowerCase();
    if (name === '') problems[`tiers.${i}.name`] = { key: 'required' };
    else if (name.length > TIER_NAME_MAX) problems[`tiers.${i}.name`] = { key: 'tooLong', values: { max: TIER_NAME_MAX } };
    else if (names.has(folded)) problems[`tiers.${i}.name`] = { key: 'nameTwice' };
    names.add(folded);
    const threshold = whole(problems, `tiers.${i}.threshold`, tier.threshold, 0, POINTS_MAX);
    if (problems[`tiers.${i}.threshold`] === undefined) {
      const previous = i > 0 ? parseWhole(v.tiers[i - 1]?.threshold ?? '') : null;
      if (i === 0 && threshold !== 0) problems[`tiers.${i}.threshold`] = { key: 'firstThreshold' };
      else if (i > 0 && previous !== null && threshold <= previous) problems[`tiers.${i}.threshold`] = { key: 'thresholdOrder' };
    }
    const multiplierPermille = parsePermille(tier.multiplier);
    if (tier.multiplier.trim() === '') problems[`tiers.${i}.multiplierPermille`] = { key: 'required' };
    else if (multiplierPermille === null) problems[`tiers.${i}.multiplierPermille`] = { key: 'multiplierFormat' };
    else if (multiplierPermille > MULTIPLIER_MAX) problems[`tiers.${i}.multiplierPermille`] = { key: 'multiplierRange' };
    if (tier.benefits.length > BENEFITS_MAX) problems[`tiers.${i}.benefits`] = { key: 'tooLong', values: { max: BENEFITS_MAX } };
    return { key: tier.key, name, threshold, multiplierPermille: multiplierPermille ?? 1000, benefits: tier.benefits.trim() };
  });
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, data: { enabled: v.enabled, currency: v.currency, earn: { perAmountMinor, points, perItem }, expiryMonths, referralPoints, tiers } };
}
