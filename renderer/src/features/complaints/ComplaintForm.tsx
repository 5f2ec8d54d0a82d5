import { Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, COMPLAINT_DESCRIPTION_MAX, COMPLAINT_SEVERITIES, COMPLAINT_SOURCES, type Complaint } from '../../../../shared/api/complaints.ts';
import { canOwnCustomers } from '../../../../shared/roles.ts';
import { EditFormPage } from '../../app/EditFormPage.tsx';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { navigate } from '../../app/router.ts';
import { useEditFormSave } from '../../app/use-edit-form-save.ts';
import { useForm } from '../../app/use-form.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { GRID_SX, Section } from '../customers/CustomerFormFields.tsx';
import { useUsers } from '../customers/use-users.ts';
import { ComplaintFormSchema, draftFromValues, mergeOverTheirs, updateFromValues, valuesFromComplaint, withDueText, withOpenedText, type ComplaintValues } from './complaint-draft.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;
const WIDE = { gridColumn: '1 / -1' } as const;

type Props = {
  /** The complaint as the core had it when editing began (null: a new one). */
  original: Complaint | null;
  initial: ComplaintValues;
  customerFixed: boolean;
  /** Where Cancel goes for a new complaint: the customer's page it was opened from, else the list. */
  backToCustomer: boolean;
  reload?: () => Promise<Complaint | null>;
};

/** One form for opening a complaint by hand and for editing one. */
export function ComplaintForm({ original: loaded, initial, customerFixed, backToCustomer, reload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const allUsers = useUsers();
  const form = useForm<ComplaintValues>(ComplaintFormSchema, initial);
  const { values, setField, update, error } = form;

  const save = useEditFormSave({
    form,
    loaded,
    send: (original) => (original ? call('complaints.update', updateFromValues(values, original.id, original.version)) : call('complaints.create', draftFromValues(values))),
    onSaved: (saved, original) => {
      dataChanged(); // the list, the nav's counts, the customer's timeline, Today, the audit log
      notify({ message: original ? t('complaintForm.saved') : t('complaintForm.createdDue', { id: saved.id, date: formatDateTime(saved.dueAt) }) });
      navigate({ name: 'complaint', id: saved.id }, { replace: true });
    },
    reload,
    valuesOf: valuesFromComplaint,
    merge: mergeOverTheirs,
    reloadedKept: t('complaintForm.reloadedKept'),
  });
  const { original } = save;
  // Who may handle it: active users whose role serves customers, and whoever already does.
  const users = allUsers.filter((u) => (u.active && canOwnCustomers(u.role)) || u.id === original?.assigneeId);

  const leave = () => {
    if (original) navigate({ name: 'complaint', id: original.id });
    else if (backToCustomer && values.customerId) navigate({ name: 'customer', id: values.customerId });
    else navigate({ name: 'complaints' });
  };

  const choice = <K extends 'category' | 'severity' | 'source'>(key: K, label: string, options: readonly NonNullable<ComplaintValues[K]>[], optionLabel: (o: string) => string) => {
    const problem = error(key);
    return (
      <TextField
        select
        required
        slotProps={NATIVE_SELECT}
        label={label}
        name={key}
        value={values[key] ?? ''}
        onChange={(e) => setField(key, (e.target.value || null) as ComplaintValues[K])} // one of the options below
        error={problem !== undefined}
        helperText={problem}
      >
        <option value="">{t('complaintForm.choose')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </TextField>
    );
  };
  const openedProblem = error('openedAt');
  const dueProblem = error('dueAt');

  return (
    <EditFormPage
      title={original ? t('complaintForm.titleEdit', { id: original.id }) : t('complaintForm.titleNew')}
      form={form}
      save={save}
      onLeave={leave}
      idPrefix="complaint"
      conflictTexts={{ title: t('complaintForm.conflictTitle'), body: t('complaintForm.conflictBody'), reload: t('complaintForm.conflictReload') }}
    >
      <Section title={t('complaintForm.sectionWhat')}>
        <Box sx={GRID_SX}>
          <CustomerPicker
            name="customer"
            required
            value={values.customer}
            readOnly={customerFixed}
            onChange={(customer) => update((prev) => ({ ...prev, customer, customerId: customer?.id ?? null }), 'customerId')}
            error={error('customerId')}
            sx={{ gridColumn: { sm: 'span 2' } }}
          />
          {choice('category', t('complaint.category'), COMPLAINT_CATEGORIES, (o) => t(`complaint.categories.${o}`))}
          {choice('severity', t('complaint.severity'), COMPLAINT_SEVERITIES, (o) => t(`complaint.severities.${o}`))}
          {choice('source', t('complaint.source'), original?.source === 'survey' ? COMPLAINT_SOURCES : COMPLAINT_SOURCES.filter((s) => s !== 'survey'), (o) => t(`complaint.sources.${o}`))}
          <TextField
            label={t('complaint.description')}
            name="description"
            required
            multiline
            minRows={4}
            value={values.description}
            onChange={(e) => setField('description', e.target.value)}
            error={error('description') !== undefined}
            helperText={error('description')}
            slotProps={{ htmlInput: { maxLength: COMPLAINT_DESCRIPTION_MAX } }}
            sx={WIDE}
          />
        </Box>
      </Section>
      <Section title={t('complaintForm.sectionWho')}>
        <Box sx={GRID_SX}>
          <TextField
            select
            slotProps={NATIVE_SELECT}
            label={t('complaint.assignee')}
            name="assigneeId"
            value={values.assigneeId === null ? '' : String(values.assigneeId)}
            onChange={(e) => setField('assigneeId', e.target.value ? Number(e.target.value) : null)}
            error={error('assigneeId') !== undefined}
            helperText={error('assigneeId')}
          >
            <option value="">{t('complaint.nobody')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName || u.username}
              </option>
            ))}
          </TextField>
          <TextField
            type="datetime-local"
            label={t('complaint.openedAt')}
            name="openedAt"
            value={values.openedText}
            disabled={original !== null} // the opening does not change once recorded
            onChange={(e) => update((prev) => withOpenedText(prev, e.target.value), 'openedAt', 'openedText', 'dueAt')}
            error={openedProblem !== undefined}
            helperText={openedProblem}
            slotProps={SHRINK}
          />
          <TextField
            type="datetime-local"
            label={t('complaint.dueAt')}
            name="dueAt"
            required={original !== null}
            value={values.dueText}
            onChange={(e) => update((prev) => withDueText(prev, e.target.value), 'dueAt', 'dueText')}
            error={dueProblem !== undefined}
            helperText={dueProblem ?? (original ? undefined : t('complaintForm.dueHint'))}
            slotProps={SHRINK}
          />
        </Box>
      </Section>
    </EditFormPage>
  );
}
