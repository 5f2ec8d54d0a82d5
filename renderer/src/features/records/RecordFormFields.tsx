import { Box, TextField, type TextFieldProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { RECORD_CHANNELS, RECORD_DURATION_MAX, RECORD_PARTICIPANTS_MAX, RECORD_PHASES, RECORD_STATUSES, SERVICE_KINDS } from '../../../../shared/api/records.ts';
import type { User } from '../../../../shared/api/users.ts';
import type { Form } from '../../app/use-form.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { GRID_SX, Section } from '../customers/CustomerFormFields.tsx';
import { ContractPicker } from './ContractPicker.tsx';
import { ParticipantsPicker } from './ParticipantsPicker.tsx';
import { withAtText, type RecordValues } from './record-draft.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;
const WIDE = { gridColumn: '1 / -1' } as const;

type Props = {
  form: Form<RecordValues>;
  /** Who may be named as the staff member: active users, and whoever already is. */
  users: User[];
  /** The customer is fixed (opened from the customer's page, or editing). */
  customerFixed: boolean;
};

/** A record's fields: what happened (when, who, for whom) and what was said and done, by kind. */
export function RecordFormFields({ form, users, customerFixed }: Props) {
  const { t } = useTranslation();
  const { values, setField, update, error } = form;
  const service = values.kind === 'service';

  const text = (key: 'content' | 'result' | 'feedback' | 'agreements', label: string, extra: TextFieldProps = {}) => {
    const problem = error(key);
    return (
      <TextField
        label={label}
        name={key}
        value={values[key]}
        onChange={(e) => setField(key, e.target.value)}
        error={problem !== undefined}
        helperText={problem}
        multiline
        minRows={key === 'content' ? 4 : 2}
        fullWidth
        sx={WIDE}
        {...extra}
      />
    );
  };
  const choice = <K extends 'phase' | 'serviceKind' | 'status' | 'channel'>(key: K, label: string, options: readonly NonNullable<RecordValues[K]>[], optionLabel: (option: NonNullable<RecordValues[K]>) => string, allowNone: boolean) => {
    const problem = error(key);
    return (
      <TextField
        select
        required
        slotProps={NATIVE_SELECT}
        label={label}
        name={key}
        value={values[key] ?? ''}
        onChange={(e) => setField(key, (e.target.value || null) as RecordValues[K])} // one of the options below
        error={problem !== undefined}
        helperText={problem}
      >
        {allowNone ? <option value="">{t('recordForm.choose')}</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </TextField>
    );
  };

  const atProblem = error('at');
  const participantProblem =
    error('participants') ??
    Array.from({ length: Math.min(values.participants.length, RECORD_PARTICIPANTS_MAX) }, (_, i) => error(`participants.${i}`) ?? error(`participants.${i}.contactId`) ?? error(`participants.${i}.userId`)).find(
      (problem) => problem !== undefined,
    );

  return (
    <>
      <Section title={t('recordForm.sectionWhat')}>
        <Box sx={GRID_SX}>
          <CustomerPicker
            name="customer"
            required
            value={values.customer}
            readOnly={customerFixed}
            onChange={(customer) => update((prev) => ({ ...prev, customer, customerId: customer?.id ?? null, contract: null, contractId: null, people: [], participants: [] }), 'customerId')}
            error={error('customerId')}
            sx={{ gridColumn: { sm: 'span 2' } }}
          />
          <TextField
            type="datetime-local"
            label={t('record.at')}
            name="at"
            required
            value={values.atText}
            onChange={(e) => update((prev) => withAtText(prev, e.target.value), 'at', 'atText', 'followUpOn')}
            error={atProblem !== undefined}
            helperText={atProblem}
            slotProps={SHRINK}
          />
          <TextField
            select
            slotProps={NATIVE_SELECT}
            label={t('record.staff')}
            name="staffId"
            value={values.staffId === null ? '' : String(values.staffId)}
            onChange={(e) => setField('staffId', e.target.value ? Number(e.target.value) : null)}
            error={error('staffId') !== undefined}
            helperText={error('staffId')}
          >
            <option value="">{t('record.noStaff')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName || u.username}
              </option>
            ))}
          </TextField>
          {service ? (
            <>
              {choice('serviceKind', t('record.serviceKind'), SERVICE_KINDS, (o) => t(`record.serviceKinds.${o}`), true)}
              {choice('phase', t('record.phase'), RECORD_PHASES, (o) => t(`record.phases.${o}`), false)}
              {choice('status', t('record.status'), RECORD_STATUSES, (o) => t(`record.statuses.${o}`), false)}
              <TextField
                label={t('record.duration')}
                name="durationMinutes"
                type="number"
                value={values.durationMinutes ?? ''}
                onChange={(e) => setField('durationMinutes', e.target.value === '' ? null : Number(e.target.value))}
                error={error('durationMinutes') !== undefined}
                helperText={error('durationMinutes')}
                slotProps={{ htmlInput: { min: 0, max: RECORD_DURATION_MAX, step: 1 } }}
              />
              <ContractPicker
                // A new customer starts the contract search afresh.
                key={values.customerId ?? 'none'}
                customerId={values.customerId}
                value={values.contract}
                onChange={(contract) => update((prev) => ({ ...prev, contract, contractId: contract?.id ?? null }), 'contractId')}
                error={error('contractId')}
                sx={{ gridColumn: { sm: 'span 2' } }}
              />
            </>
          ) : (
            <>
              {choice('channel', t('record.channel'), RECORD_CHANNELS, (o) => t(`record.channels.${o}`), true)}
              <TextField
                type="date"
                label={t('record.followUpOn')}
                name="followUpOn"
                value={values.followUpOn ?? ''}
                onChange={(e) => setField('followUpOn', e.target.value || null)}
                error={error('followUpOn') !== undefined}
                helperText={error('followUpOn') ?? t('recordForm.followUpHint')}
                slotProps={SHRINK}
              />
              <ParticipantsPicker
                customerId={values.customerId}
                value={values.people}
                onChange={(people) => update((prev) => ({ ...prev, people, participants: people.map((p) => p.draft) }), 'participants')}
                error={participantProblem}
                sx={WIDE}
              />
            </>
          )}
        </Box>
      </Section>

      <Section title={t('recordForm.sectionText')}>
        <Box sx={GRID_SX}>
          {text('content', t('record.content'), { required: true })}
          {service ? (
            <>
              {text('result', t('record.result'))}
              {text('feedback', t('record.feedback'))}
            </>
          ) : (
            text('agreements', t('record.agreements'))
          )}
        </Box>
      </Section>
    </>
  );
}
