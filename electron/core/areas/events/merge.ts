// A duplicate merge's part for customer events (areas/duplicates/service.ts). The merged
// customer's invitations move to the kept customer, one invitation per customer and event
// remaining: when both were invited to the same event, the one that attended wins, then the one
// with the later reply (a reply beats none), else the kept customer's. When the merged customer's
// wins, its reply, attendance and contact are copied onto the kept customer's invitation (what
// that held is written down for undo) and its own row stays behind with the merged customer,
// hidden with it; when the kept customer's wins, the merged one's simply stays behind.
import type { Db } from '../../db/database.ts';

type Invitation = {
  id: number;
  event_id: number;
  contact_id: number | null;
  reply: 'pending' | 'yes' | 'no' | 'maybe';
  replied_at: number | null;
  replied_by: number | null;
  attended: number | null;
  attended_at: number | null;
  attended_by: number | null;
  invited_at: number;
  invited_by: number | null;
};

const COLUMNS = ['id', 'event_id', 'contact_id', 'reply', 'replied_at', 'replied_by', 'attended', 'attended_at', 'attended_by', 'invited_at', 'invited_by'] as const;

/** True when `a` wins over `b`: attended first, then the later reply. */
function wins(a: Invitation, b: Invitation): boolean {
  const came = (x: Invitation) => (x.attended === 1 ? 1 : 0);
  if (came(a) !== came(b)) return came(a) > came(b);
  return (a.replied_at ?? -1) > (b.replied_at ?? -1);
}

function values(row: Invitation) {
  const { id: _id, event_id: _event, ...rest } = row;
  return rest;
}

/** One move: an invitation moved (before null), or the kept customer's invitation taken over (before: what it held, as JSON). */
export type InvitationMove = { rowId: number; before: string | null };

export async function moveInvitations(tx: Db, keptId: number, mergedId: number): Promise<InvitationMove[]> {
  const theirs = (await tx.selectFrom('event_invitations').select(COLUMNS).where('customer_id', '=', mergedId).execute()) as Invitation[];
  if (theirs.length === 0) return [];
  const ours = new Map(
    ((await tx.selectFrom('event_invitations').select(COLUMNS).where('customer_id', '=', keptId).where('event_id', 'in', theirs.map((row) => row.event_id)).execute()) as Invitation[]).map((row) => [row.event_id, row]),
  );
  const moves: InvitationMove[] = [];
  for (const row of theirs) {
    const mine = ours.get(row.event_id);
    if (!mine) {
      await tx.updateTable('event_invitations').set({ customer_id: keptId }).where('id', '=', row.id).execute();
      moves.push({ rowId: row.id, before: null });
    } else if (wins(row, mine)) {
      await tx.updateTable('event_invitations').set(values(row)).where('id', '=', mine.id).execute();
      moves.push({ rowId: mine.id, before: JSON.stringify(values(mine)) });
    }
  }
  return moves;
}

/** Undo: moved invitations go back to the merged customer; the kept customer's taken-over ones get back what they held. */
export async function returnInvitations(tx: Db, keptId: number, mergedId: number, moves: readonly InvitationMove[]): Promise<void> {
  for (const move of moves) {
    if (move.before === null) await tx.updateTable('event_invitations').set({ customer_id: mergedId }).where('id', '=', move.rowId).where('customer_id', '=', keptId).execute();
    else await tx.updateTable('event_invitations').set(JSON.parse(move.before) as ReturnType<typeof values>).where('id', '=', move.rowId).execute(); // written by moveInvitations from the same columns
  }
}
