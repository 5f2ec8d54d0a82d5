import type { TFunction } from 'i18next';

/** Row counts per table, in the UI's words; tables added by later versions show their own name. */
export function tableLabel(t: TFunction, table: string): string {
  return t(`backup.tables.${table}`, { defaultValue: table });
}

/** The tables people care about first, then the rest alphabetically. */
const ORDER = ['customers', 'contacts', 'tags', 'customer_tags', 'grade_history', 'users'];

export function sortedTables(...counts: (Record<string, number> | null | undefined)[]): string[] {
  const names = new Set<string>();
  for (const c of counts) for (const name of Object.keys(c ?? {})) names.add(name);
  return [...names].sort((a, b) => {
    const [x, y] = [ORDER.indexOf(a), ORDER.indexOf(b)];
    if (x !== -1 || y !== -1) return (x === -1 ? ORDER.length : x) - (y === -1 ? ORDER.length : y);
    return a.localeCompare(b);
  });
}
