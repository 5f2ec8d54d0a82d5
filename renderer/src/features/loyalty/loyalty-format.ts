import type { TFunction } from 'i18next';
import type { TierChange } from '../../../../shared/api/loyalty.ts';
import { formatNumber } from '../../i18n/format.ts';

/** Points with their sign, as the ledger reads: "+120", "−50" (a true minus sign). */
export function signedPoints(points: number): string {
  return points > 0 ? `+${formatNumber(points)}` : `−${formatNumber(-points)}`;
}

/** Why the tier changed, in words: the cause and the qualifying points against the threshold crossed. */
export function tierChangeReason(t: TFunction, change: TierChange): string {
  const cause = t(`customerLoyalty.causes.${change.cause}`);
  if (change.from === null) return cause;
  const up = change.qualifying >= change.threshold;
  const figures = t(up ? 'customerLoyalty.reachedThreshold' : 'customerLoyalty.belowThreshold', { qualifying: formatNumber(change.qualifying), threshold: formatNumber(change.threshold) });
  return `${cause} · ${figures}`;
}
