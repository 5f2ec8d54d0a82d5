// What a contract's update records in the audit log, readable on its own for as long as the log is
// kept: an amount carries its currency (`{ minor, currency }`: 12800050 alone says nothing), and a
// customer its name and code as they were at the time (`{ id, name, code }`: the customer may be
// renamed or purged later; the entry must still say whose contract moved where). The responsible
// staff member stays an id, as on customers: users are never deleted, and the log names them.
// Older entries (plain numbers) still show: the audit log's formatter reads both.
import type { ContractDraftValue } from '../../../../shared/api/contracts.ts';
import type { Db } from '../../db/database.ts';
import { changedFields, type FieldChange } from '../audit/service.ts';

/** An amount as the audit log records it. */
export type AuditedAmount = { minor: number; currency: string } | null;
/** A customer as the audit log records it. */
export type AuditedCustomer = { id: number; name: string; code: string };

async function customerAt(tx: Db, id: number): Promise<AuditedCustomer> {
  const row = await tx.selectFrom('customers').select(['name', 'code']).where('id', '=', id).executeTakeFirst();
  return { id, name: row?.name ?? '', code: row?.code ?? '' }; // the caller checked the customer exists
}

/** The changes of `fields` from `before` to `after`, with amounts and customers in words. */
export async function contractChanges(
  tx: Db,
  before: ContractDraftValue,
  after: ContractDraftValue,
  fields: readonly (keyof ContractDraftValue & string)[],
): Promise<FieldChange[]> {
  const changes = changedFields(before, after, fields);
  const out: FieldChange[] = [];
  for (const change of changes) {
    if (change.field === 'amount') {
      const money = (draft: ContractDraftValue): AuditedAmount => (draft.amount === null ? null : { minor: draft.amount, currency: draft.currency });
      out.push({ field: 'amount', before: money(before), after: money(after) });
    } else if (change.field === 'customerId') {
      out.push({ field: 'customerId', before: await customerAt(tx, before.customerId), after: await customerAt(tx, after.customerId) });
    } else out.push(change);
  }
  return out;
}
