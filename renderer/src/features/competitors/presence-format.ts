// A competitor's share at a customer as the user's language writes a percentage ("40%"), or nothing when unknown.
export function shareText(percent: number | null, language: string): string {
  if (percent === null) return '';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}
