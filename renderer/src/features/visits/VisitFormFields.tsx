import { Box, TextField, type TextFieldProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { VISIT_ADDRESS_MAX, VISIT_AGENDA_MAX, VISIT_PURPOSE_MAX } from '../../../../shared/api/visits.ts';
import type { Contact } from '../../../../shared/api/customers.ts';
import type { Form } from '../../app/use-form.ts';
import { CustomerPicker, type CustomerOption } from '../customers/CustomerPicker.tsx';
import { GRID_SX, Section } from '../customers/CustomerFormFields.tsx';
import { withTime, type VisitValues } from './visit-draft.ts';

// Native selects: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

type Props = {
  form: Form<VisitValues>;
  /** The chosen customer's contacts (empty until one is chosen). */
  contacts: Contact[];
  staff: { id: number; name: string }[];
  customerFixed: boolean;
  /** A customer was chosen: its contacts and address are loaded by the page. */
  onCustomer: (customer: CustomerOption | null) => void;
};

/** The visit's fields in three sections: who and where, when, what for. */
export function VisitFormFields({ form, contacts, staff, customerFixed, onCustomer }: Props) {
  const { t } = useTranslation();
  const { values, setField, update, error } = form;

  const text = (key: 'purpose' | 'agenda' | 'address', label: string, max: number, extra: TextFieldProps = {}) => {
    const problem = error(key);
    return (
      <TextField
        label={label}
        name={key}
        value={values[key]}
        onChange={(e) => setField(key, e.target.value)}
        error={problem !== undefined}
        helperText={problem ?? extra.helperText}
        fullWidth
        {...extra}
        slotProps={{ htmlInput: { maxLength: max } }}
      />
    );
  };
  const contactProblem = error('contactId');
  const staffProblem = error('staffId');
  const dayProblem = error('onDay');
  const timeProblem = error('startMinute');
  const durationProblem = error('durationMinutes');

  return (
    <>
      <Section title={t('visitForm.sectionWho')}>
        <Box sx={GRID_SX}>
          <CustomerPicker
            name="customer"
            required
            autoFocus={!customerFixed && values.customer === null}
            value={values.customer}
            readOnly={customerFixed}
            onChange={onCustomer}
            error={error('customerId')}
            sx={{ gridColumn: { sm: 'span 2' } }}
          />
          <TextField
            select
            slotProps={NATIVE_SELECT}
            label={t('visit.contact')}
            name="contactId"
            value={values.contactId === null ? '' : String(values.contactId)}
            onChange={(e) => setField('contactId', e.target.value ? Number(e.target.value) : null)}
            error={contactProblem !== undefined}
            helperText={contactProblem}
            disabled={values.customerId === null}
          >
            <option value="">{t('visit.noContact')}</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title ? `${c.name}（${c.title}）` : c.name}
              </option>
            ))}
          </TextField>
          <TextField
            select
            slotProps={NATIVE_SELECT}
            label={t('visit.staff')}
            name="staffId"
            required
            value={values.staffId === null ? '' : String(values.staffId)}
            onChange={(e) => setField('staffId', e.target.value ? Number(e.target.value) : null)}
            error={staffProblem !== undefined}
            helperText={staffProblem}
          >
            {values.staffId === null ? <option value="">{t('visitForm.noStaff')}</option> : null}
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </TextField>
          {text('address', t('visit.address'), VISIT_ADDRESS_MAX, { multiline: true, minRows: 1, helperText: t('visitForm.addressHint'), sx: { gridColumn: '1 / -1' } })}
        </Box>
      </Section>

      <Section title={t('visitForm.sectionWhen')}>
        <Box sx={GRID_SX}>
          <TextField
            type="date"
            label={t('visit.onDay')}
            name="onDay"
            required
            value={values.onDay}
            onChange={(e) => setField('onDay', e.target.value)}
            error={dayProblem !== undefined}
            helperText={dayProblem}
            slotProps={SHRINK}
          />
          <TextField
            type="time"
            label={t('visit.time')}
            name="time"
            required
            value={values.time}
            onChange={(e) => update((prev) => withTime(prev, e.target.value), 'time', 'startMinute')}
            error={timeProblem !== undefined}
            helperText={timeProblem}
            slotProps={SHRINK}
          />
          <TextField
            type="number"
            label={t('visit.duration')}
            name="durationMinutes"
            required
            value={values.durationMinutes ?? ''}
            onChange={(e) => setField('durationMinutes', e.target.value === '' ? null : Number(e.target.value))}
            error={durationProblem !== undefined}
            helperText={durationProblem}
            slotProps={{ htmlInput: { min: 1, max: 1440, step: 15 } }}
          />
        </Box>
      </Section>

      <Section title={t('visitForm.sectionWhat')}>
        <Box sx={GRID_SX}>
          {text('purpose', t('visit.purpose'), VISIT_PURPOSE_MAX, { required: true, sx: { gridColumn: '1 / -1' } })}
          {text('agenda', t('visit.agenda'), VISIT_AGENDA_MAX, { multiline: true, minRows: 3, sx: { gridColumn: '1 / -1' } })}
        </Box>
      </Section>
    </>
  );
}
