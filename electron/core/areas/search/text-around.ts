const SNIPPET_CHARS = 80;

/** A line of `text` around the first place it holds `q` (letter case ignored), with … where cut. */
export function textAround(text: string, q: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = flat.toLowerCase().indexOf(q.toLowerCase());
  const start = at < 0 ? 0 : Math.max(0, at - 20);
  const piece = flat.slice(start, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_CHARS < flat.length ? '…' : ''}`;
}
