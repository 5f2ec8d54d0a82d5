// The invitations table's editable cells: a reply and an attendance picker per row, each offered
// only where the core's `actions` allow it (else the value as text). Clicks and keys stay in the
// cell: the row itself opens the customer.
import { Checkbox, TextField } from '@mui/material';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_REPLIES, type EventReply, type Invitation } from '../../../../shared/api/events.ts';

const NATIVE_SELECT = { select: { native: true } } as const;
const stop = (e: MouseEvent | KeyboardEvent) => e.stopPropagation();

/** null: not marked; true: came; false: did not come (the select's values). */
export const attendedValue = (attended: boolean | null) => (attended === null ? 'unknown' : attended ? 'yes' : 'no');

export function ReplyCell({ row, busy, onReply }: { row: Invitation; busy: boolean; onReply: (reply: EventReply) => void }) {
  const { t } = useTranslation();
  if (!row.actions.reply) return <>{t(`invitations.replies.${row.reply}`)}</>;
  return (
    <TextField
      select
      size="small"
      variant="standard"
      slotProps={{ ...NATIVE_SELECT, htmlInput: { 'aria-label': `${t('invitations.reply')} ${row.customerName}` } }}
      value={row.reply}
      disabled={busy}
      onClick={stop}
      onKeyDown={stop}
      onChange={(e) => {
        const reply = EVENT_REPLIES.find((r) => r === e.target.value);
        if (reply) onReply(reply);
      }}
      sx={{ width: '100%' }}
    >
      {EVENT_REPLIES.map((reply) => (
        <option key={reply} value={reply}>
          {t(`invitations.replies.${reply}`)}
        </option>
      ))}
    </TextField>
  );
}

export function AttendedCell({ row, busy, onAttend }: { row: Invitation; busy: boolean; onAttend: (attended: boolean) => void }) {
  const { t } = useTranslation();
  const value = attendedValue(row.attended);
  if (!row.actions.attend) return <>{t(`invitations.attendedStates.${value}`)}</>;
  return (
    <TextField
      select
      size="small"
      variant="standard"
      slotProps={{ ...NATIVE_SELECT, htmlInput: { 'aria-label': `${t('invitations.attended')} ${row.customerName}` } }}
      value={value}
      disabled={busy}
      onClick={stop}
      onKeyDown={stop}
      onChange={(e) => {
        if (e.target.value === 'yes' || e.target.value === 'no') onAttend(e.target.value === 'yes');
      }}
      sx={{ width: '100%' }}
    >
      {/* Not marked is where every invitation starts; the core marks only came or did not come. */}
      {row.attended === null ? (
        <option value="unknown" disabled>
          {t('invitations.attendedStates.unknown')}
        </option>
      ) : null}
      <option value="yes">{t('invitations.attendedStates.yes')}</option>
      <option value="no">{t('invitations.attendedStates.no')}</option>
    </TextField>
  );
}

export function SelectCell({ row, selected, onToggle }: { row: Invitation; selected: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      size="small"
      checked={selected}
      onClick={stop}
      onKeyDown={stop}
      onChange={onToggle}
      slotProps={{ input: { 'aria-label': t('invitations.select', { name: row.customerName }) } }}
    />
  );
}
