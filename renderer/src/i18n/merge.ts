import type { Messages } from '../app/area.ts';

/**
 * One tree from many resource files (the app's common texts and each area's). A key defined twice
 * is reported, not silently overwritten: the later file's text would win by accident of order.
 */
export function mergeMessages(trees: readonly Messages[]): { messages: Messages; duplicates: string[] } {
  const duplicates: string[] = [];
  const merge = (into: Record<string, string | Messages>, from: Messages, prefix: string) => {
    for (const [key, value] of Object.entries(from)) {
      const existing = into[key];
      if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
        const child: Record<string, string | Messages> = existing === undefined ? {} : { ...existing };
        merge(child, value, `${prefix}${key}.`);
        into[key] = child;
      } else if (existing !== undefined) {
        duplicates.push(`${prefix}${key}`);
      } else {
        into[key] = value;
      }
    }
  };
  const messages: Record<string, string | Messages> = {};
  for (const tree of trees) merge(messages, tree, '');
  return { messages, duplicates };
}
