// How a record reads in lists and titles, and the `datetime-local` text of an instant: the shop's
// local time on this PC, as everywhere "today" and "now" are meant.
import type { TFunction } from 'i18next';
import type { RecordKind, RecordRow } from '../../../../shared/api/records.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as `YYYY-MM-DDTHH:mm` in local time (what an `<input type="datetime-local">` holds). */
export function localDateTimeText(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** `YYYY-MM-DDTHH:mm` (seconds allowed) in local time → ms; null when it is not one. */
export function parseLocalDateTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  // 2026-02-30 rolls over into March: that is no date.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

/** The record's short title: its kind of service, or its channel. */
export function recordTitle(t: TFunction, row: Pick<RecordRow, 'kind' | 'serviceKind' | 'channel'>): string {
  if (row.kind === 'service') return row.serviceKind ? t(`record.serviceKinds.${row.serviceKind}`) : '';
  return row.channel ? t(`record.channels.${row.channel}`) : '';
}

export function kindLabel(t: TFunction, kind: RecordKind): string {
  return t(`record.kinds.${kind}`);
}
