import { Autocomplete, Chip, TextField, type SxProps, type Theme } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_PARTICIPANTS_MAX } from '../../../../shared/api/records.ts';
import { useCoreQuery } from '../../app/query.ts';
import { useUsers } from '../customers/use-users.ts';
import { participantKey, type ParticipantOption } from './record-draft.ts';

type Props = {
  customerId: number | null;
  value: ParticipantOption[];
  onChange: (value: ParticipantOption[]) => void;
  error?: string;
  sx?: SxProps<Theme>;
};

/**
 * Who took part: the customer's contacts and our active staff, chosen from lists (a shop has a
 * handful of users, a customer a handful of contacts). People already on the record stay shown,
 * also a contact removed since (by the name as it was).
 */
export function ParticipantsPicker({ customerId, value, onChange, error, sx }: Props) {
  const { t } = useTranslation();
  const customer = useCoreQuery('customers.get', { id: customerId ?? 0 }, { enabled: customerId !== null });
  const users = useUsers();
  const options = useMemo(() => {
    const contacts = (customer.data?.contacts ?? []).map((c): ParticipantOption => {
      const draft = { contactId: c.id };
      return { key: participantKey(draft), draft, name: c.name, group: 'contact' };
    });
    const staff = users
      .filter((u) => u.active)
      .map((u): ParticipantOption => {
        const draft = { userId: u.id };
        return { key: participantKey(draft), draft, name: u.displayName || u.username, group: 'user' };
      });
    const offered = new Set([...contacts, ...staff].map((o) => o.key));
    return [...contacts, ...staff, ...value.filter((o) => !offered.has(o.key))];
  }, [customer.data, users, value]);

  return (
    <Autocomplete
      multiple
      // Several people are chosen in a row: the list stays open until Esc or a click elsewhere.
      disableCloseOnSelect
      sx={sx}
      options={options}
      value={value}
      groupBy={(o) => (o.group === 'contact' ? t('record.contactsGroup') : o.group === 'user' ? t('record.usersGroup') : t('record.otherGroup'))}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.key === b.key}
      getOptionDisabled={() => value.length >= RECORD_PARTICIPANTS_MAX}
      onChange={(_e, next) => onChange(next)}
      disabled={customerId === null}
      noOptionsText={t('common.noOptions')}
      renderValue={(chosen, getItemProps) =>
        chosen.map((o, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={o.name} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('record.participants')}
          name="participants"
          error={error !== undefined}
          helperText={error ?? (customerId === null ? t('recordForm.chooseCustomerFirst') : t('recordForm.participantsHint'))}
        />
      )}
    />
  );
}
