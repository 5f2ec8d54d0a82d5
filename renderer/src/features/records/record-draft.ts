// The record form's values and how they map to the record (shared/api/records.ts). The form keeps
// the fields under the contract's names, so the record's own schema checks the form as it is typed;
// beside them what the pickers show (the customer, the contract, the participants' names) and the
// time as typed (`atText`, local time) next to the instant the core takes (`at`).
import type { ParticipantDraft, RecordDetail, RecordChannel, RecordDraftInput, RecordKind, RecordPhase, RecordStatus, RecordUpdateInput, ServiceKind } from '../../../../shared/api/records.ts';
import type { CustomerOption } from '../customers/CustomerPicker.tsx';
import { localDateTimeText, parseLocalDateTime } from './record-format.ts';

/** A chosen contract as the picker shows it; only its id is sent. */
export type ContractOption = { id: number; number: string; title: string };

/** A participant as the picker shows it: the draft the core takes, and the name to show. */
export type ParticipantOption = { key: string; draft: ParticipantDraft; name: string; group: 'contact' | 'user' | 'other' };

export type RecordValues = {
  kind: RecordKind;
  customerId: number | null;
  customer: CustomerOption | null;
  atText: string;
  at: number | null;
  staffId: number | null;
  content: string;
  phase: RecordPhase | null;
  serviceKind: ServiceKind | null;
  status: RecordStatus | null;
  contractId: number | null;
  contract: ContractOption | null;
  durationMinutes: number | null;
  result: string;
  feedback: string;
  channel: RecordChannel | null;
  followUpOn: string | null;
  participants: ParticipantDraft[];
  people: ParticipantOption[];
  agreements: string;
};

export function participantKey(draft: ParticipantDraft): string {
  if ('contactId' in draft) return `contact:${draft.contactId}`;
  if ('userId' in draft) return `user:${draft.userId}`;
  return `name:${draft.name}`;
}

/**
 * A new record of `kind`, now, by `staffId`. A service starts after-sale and done (most are written
 * down once done); its kind and a communication's channel are chosen by the user.
 */
export function emptyRecord(kind: RecordKind, customer: CustomerOption | null, staffId: number | null, now: number): RecordValues {
  const service = kind === 'service';
  return {
    kind,
    customerId: customer?.id ?? null,
    customer,
    atText: localDateTimeText(now),
    at: now,
    staffId,
    content: '',
    phase: service ? 'aftersale' : null,
    serviceKind: null,
    status: service ? 'done' : null,
    contractId: null,
    contract: null,
    durationMinutes: null,
    result: '',
    feedback: '',
    channel: null,
    followUpOn: null,
    participants: [],
    people: [],
    agreements: '',
  };
}

export function valuesFromRecord(r: RecordDetail): RecordValues {
  const people = r.participants.map((p): ParticipantOption => {
    const draft: ParticipantDraft = p.contactId !== null ? { contactId: p.contactId } : p.userId !== null ? { userId: p.userId } : { name: p.name };
    return { key: participantKey(draft), draft, name: p.name, group: p.contactId !== null ? 'contact' : p.userId !== null ? 'user' : 'other' };
  });
  return {
    kind: r.kind,
    customerId: r.customerId,
    customer: { id: r.customerId, name: r.customerName, code: r.customerCode },
    atText: localDateTimeText(r.at),
    at: r.at,
    staffId: r.staffId,
    content: r.content,
    phase: r.phase,
    serviceKind: r.serviceKind,
    status: r.status,
    contractId: r.contractId,
    contract: r.contractId !== null ? { id: r.contractId, number: r.contractNumber ?? '', title: r.contractTitle ?? '' } : null,
    durationMinutes: r.durationMinutes,
    result: r.result,
    feedback: r.feedback,
    channel: r.channel,
    followUpOn: r.followUpOn,
    participants: people.map((p) => p.draft),
    people,
    agreements: r.agreements,
  };
}

/** The values after the time text changed: the instant follows when the text is a time. */
export function withAtText(prev: RecordValues, atText: string): RecordValues {
  return { ...prev, atText, at: parseLocalDateTime(atText) };
}

/** What the core receives for a new record (the form checked every field first). */
export function draftFromValues(v: RecordValues): RecordDraftInput {
  const common = { customerId: v.customerId ?? 0, kind: v.kind, at: v.at ?? 0, staffId: v.staffId, content: v.content };
  if (v.kind === 'service') {
    return { ...common, phase: v.phase, serviceKind: v.serviceKind, status: v.status, contractId: v.contractId, durationMinutes: v.durationMinutes, result: v.result, feedback: v.feedback };
  }
  return { ...common, channel: v.channel, followUpOn: v.followUpOn, participants: v.participants, agreements: v.agreements };
}

/** What the core receives for a change. */
export function updateFromValues(v: RecordValues, id: number, version: number): RecordUpdateInput {
  const { customerId: _customer, ...draft } = draftFromValues(v); // the customer of a record does not change
  return { ...draft, id, version };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After a stale-version conflict: the stored version (`theirs`) with what the user changed since
 * `base` laid over it, so reloading loses nothing typed. Returns the merged values and the fields kept.
 */
export function mergeOverTheirs(base: RecordValues, mine: RecordValues, theirs: RecordValues): { values: RecordValues; kept: (keyof RecordValues)[] } {
  const values = { ...theirs };
  const kept: (keyof RecordValues)[] = [];
  for (const key of Object.keys(mine) as (keyof RecordValues)[]) { // the form's own keys
    if (same(mine[key], base[key])) continue;
    (values as { [K in keyof RecordValues]: unknown })[key] = mine[key]; // the same key of the same type
    kept.push(key);
  }
  return { values, kept };
}
