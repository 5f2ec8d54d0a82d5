// The two sections Today reads from customer care (areas/care): return visits due and the
// occasions of the coming week. Care computes them (cadences per grade, lunar birthdays); Today
// only shapes them into items and leaves out what the shop snoozed or marked done.
import type { Occasion } from '../../../../shared/api/care.ts';
import { returnVisitsDue, upcomingOccasions, type ReturnVisitDue } from '../care/service.ts';

export type { Occasion, ReturnVisitDue };

/** Care's functions, in one object so Today's sections name what they read. */
export const careSources = { returnVisitsDue, upcomingOccasions };
