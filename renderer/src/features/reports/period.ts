// The dashboard's period lives in its address (`#/reports?from=2026-01&to=2026-12`): a reload keeps
// it, a link shares it. Months are the shop's local calendar months `YYYY-MM`; without a period the
// dashboard shows the last 12 months ending with the current one, as the core does by default.

export type Period = { from: string; to: string };
export type Preset = 'thisMonth' | 'last3' | 'last12' | 'thisYear';
export const PRESETS: readonly Preset[] = ['thisMonth', 'last3', 'last12', 'thisYear'];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month `YYYY-MM` `delta` months from `month`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months of a preset, for the current month `thisMonth`. */
export function presetPeriod(preset: Preset, thisMonth: string): Period {
  switch (preset) {
    case 'thisMonth':
      return { from: thisMonth, to: thisMonth };
    case 'last3':
      return { from: addMonths(thisMonth, -2), to: thisMonth };
    case 'last12':
      return { from: addMonths(thisMonth, -11), to: thisMonth };
    case 'thisYear':
      return { from: `${thisMonth.slice(0, 4)}-01`, to: thisMonth };
  }
}

/** The preset a period is, if any (the picker shows it pressed). */
export function presetOf(period: Period, thisMonth: string): Preset | null {
  return PRESETS.find((preset) => {
    const candidate = presetPeriod(preset, thisMonth);
    return candidate.from === period.from && candidate.to === period.to;
  }) ?? null;
}

/**
 * The address's period: a month that is not valid (an edited address) is dropped and its default
 * taken (to: this month; from: 11 months before to). An order the wrong way round is kept: the
 * picker says so and nothing is asked of the core.
 */
export function parsePeriod(search: string | undefined, thisMonth: string): Period {
  const params = new URLSearchParams(search ?? '');
  const to = params.get('to') ?? '';
  const from = params.get('from') ?? '';
  const end = MONTH.test(to) ? to : thisMonth;
  return { from: MONTH.test(from) ? from : addMonths(end, -11), to: end };
}

export function formatPeriod(period: Period): string {
  return new URLSearchParams({ from: period.from, to: period.to }).toString();
}

/** The months from..to, both included, oldest first (empty when to is before from). */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let month = period.from; month <= period.to && months.length < 1200; month = addMonths(month, 1)) months.push(month);
  return months;
}
