// The two sections Today reads from customer care (areas/care): return visits due and the
// occasions of the coming week. Care computes them (cadences per grade, lunar birthdays); Today
// only shapes them into items and leaves out what the shop snoozed or marked done.
import type { Db } from '../../db/database.ts';
import type { Access } from '../users/access.ts';

/** One return visit due, as care's returnVisitsDue answers it. */
export type ReturnVisitDue = {
  customerId: number;
  name: string;
  code: string;
  grade: string;
  ownerName: string | null;
  lastContactAt: number;
  dueOn: string;
  overdueDays: number;
};

/** One occasion, as care's upcomingOccasions answers it. */
export type Occasion = {
  kind: 'birthday' | 'founding' | 'contactBirthday' | 'contractAnniversary';
  day: string;
  customerId: number;
  customerName: string;
  customerCode: string;
  contactId?: number | null;
  contactName?: string | null;
  contractId?: number | null;
  contractNumber?: string | null;
  calendar: 'gregorian' | 'lunar';
  original: string;
  years: number | null;
  noted: boolean;
};

export type CareSources = {
  returnVisitsDue(db: Db, access: Access, options: { today: string; staffId: number | null; limit: number }): Promise<{ rows: ReturnVisitDue[]; total: number }>;
  upcomingOccasions(db: Db, access: Access, from: string, days: number, staffId: number | null): Promise<Occasion[]>;
};

/**
 * Care's functions. Until areas/care is in place these answer nothing, so Today's other sections
 * work on their own; the wiring is this one object.
 */
export const careSources: CareSources = {
  returnVisitsDue: async () => ({ rows: [], total: 0 }),
  upcomingOccasions: async () => [],
};
