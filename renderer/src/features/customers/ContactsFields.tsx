import { Box, Button, Checkbox, FormControlLabel, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import { CALENDARS } from '../../../../shared/api/customers.ts';
import type { Form } from '../../app/use-form.ts';
import { emptyContact, type ContactValues, type CustomerValues } from './draft.ts';
import { GRID_SX, Section } from './CustomerFormFields.tsx';
import { LunarDateFields } from './LunarDateFields.tsx';

// Native selects, as in the customer's own fields: keyboard-friendly, and tests drive them with selectOption().
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** The customer's contacts: one fieldset each, added and removed in place. */
export function ContactsFields({ form, hidden }: { form: Form<CustomerValues>; hidden: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const { values, update, error } = form;
  const setContact = <K extends keyof ContactValues>(index: number, key: K, value: ContactValues[K]) =>
    update(
      (prev) => ({ ...prev, contacts: prev.contacts.map((c, i) => (i === index ? { ...c, [key]: value } : c)) }),
      `contacts.${index}.${key}`,
    );

  return (
  <Section title={t('customer.contacts')}>
    <Stack spacing={2}>
      {values.contacts.length === 0 ? <Typography color="text.secondary">{t('contact.none')}</Typography> : null}
      {values.contacts.map((contact, index) => {
        const n = index + 1;
        const field = (key: 'name' | 'title' | 'phone' | 'mobile' | 'email' | 'wechat' | 'birthday', label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => {
          const problem = error(`contacts.${index}.${key}`);
          const isHidden = hidden.has(`contacts.${index}.${key}`);
          return (
            <TextField
              label={label}
              name={`contacts.${index}.${key}`}
              value={contact[key]}
              onChange={(e) => setContact(index, key, e.target.value)}
              error={problem !== undefined}
              helperText={problem ?? (isHidden ? t('form.maskedHint') : undefined)}
              disabled={isHidden}
              size="small"
              fullWidth
              {...extra}
            />
          );
        };
        return (
          <Box
            key={contact.key}
            component="fieldset"
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}
          >
            <Box component="legend" sx={{ px: 1, typography: 'subtitle2' }}>
              {t('contact.legend', { n })}
            </Box>
            <Box sx={{ ...GRID_SX, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' }}>
              {field('name', t('contact.name'))}
              {field('title', t('contact.title'))}
              {field('phone', t('contact.phone'), { type: 'tel' })}
              {field('mobile', t('contact.mobile'), { type: 'tel' })}
              {field('email', t('contact.email'), { type: 'email' })}
              {field('wechat', t('contact.wechat'))}
              {/* As the customer's: the calendar first, then a Gregorian date or lunar month, day and (optional) year. */}
              <TextField
                select
                slotProps={NATIVE_SELECT}
                label={t('contact.birthdayCalendar')}
                name={`contacts.${index}.birthdayCalendar`}
                value={contact.birthdayCalendar}
                onChange={(e) => setContact(index, 'birthdayCalendar', e.target.value as ContactValues['birthdayCalendar'])} // options are CALENDARS
                size="small"
                fullWidth
              >
                {CALENDARS.map((c) => (
                  <option key={c} value={c}>
                    {t(`customer.calendars.${c}`)}
                  </option>
                ))}
              </TextField>
              {contact.birthdayCalendar === 'lunar' ? (
                <Box role="group" aria-label={t('contact.birthday')} sx={{ display: 'contents' }}>
                  <LunarDateFields
                    name={`contacts.${index}.birthday`}
                    value={contact.birthday}
                    onChange={(text) => setContact(index, 'birthday', text)}
                    error={error(`contacts.${index}.birthday`)}
                    size="small"
                  />
                </Box>
              ) : (
                field('birthday', t('contact.birthday'), { type: 'date', slotProps: { inputLabel: { shrink: true } } })
              )}
              <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
                <FormControlLabel
                  control={
                    <Checkbox checked={contact.decisionMaker} onChange={(e) => setContact(index, 'decisionMaker', e.target.checked)} />
                  }
                  label={t('contact.decisionMaker')}
                />
                <Tooltip title={t('contact.remove', { n })}>
                  <IconButton
                    aria-label={t('contact.remove', { n })}
                    onClick={() => update((prev) => ({ ...prev, contacts: prev.contacts.filter((_c, i) => i !== index) }))}
                  >
                    <DeleteIcon />
                  </IconButton>
                </Tooltip>
              </Stack>
            </Box>
          </Box>
        );
      })}
      <Box>
        <Button startIcon={<AddIcon />} onClick={() => update((prev) => ({ ...prev, contacts: [...prev.contacts, emptyContact()] }))}>
          {t('contact.add')}
        </Button>
      </Box>
    </Stack>
  </Section>
  );
}
