import type { TFunction } from 'i18next';

/** A dimension as the screens need it (the core's Dimension has more). */
type Named = { key: string; name: string };

const BUILT_IN = ['quality', 'attitude', 'speed', 'professionalism'] as const;

/** The built-in name of a dimension in the user's language, or '' for one the owner added. */
export function builtInName(t: TFunction, key: string): string {
  return (BUILT_IN as readonly string[]).includes(key) ? t(`surveys.dimensions.${key}`) : '';
}

/** The owner's name when given; a built-in dimension's is translated by its key while its name is ''. */
export function dimensionLabel(t: TFunction, dimension: Named): string {
  return dimension.name || builtInName(t, dimension.key) || dimension.key;
}
