import { Box, Checkbox, FormControlLabel, TextField, type TextFieldProps } from '@mui/material';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRACT_TYPES, type ContractType } from '../../../../shared/api/contracts.ts';
import type { User } from '../../../../shared/api/users.ts';
import type { Form } from '../../app/use-form.ts';
import { CustomerPicker } from '../customers/CustomerPicker.tsx';
import { GRID_SX, Section } from '../customers/CustomerFormFields.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DEFAULT_RENEWAL_MONTHS, withAmount, type ContractValues } from './contract-draft.ts';
import { CURRENCIES, parseAmount } from './money.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const DATE_PROPS = { type: 'date', slotProps: { inputLabel: { shrink: true } } } as const;

type Props = {
  form: Form<ContractValues>;
  users: User[];
  /** The customer is fixed (opened from the customer's page). */
  customerFixed: boolean;
  /** Another contract has the number typed (the core's CONFLICT): said on the field until it is edited. */
  takenNumber: string | null;
  onNumberEdited: () => void;
  numberRef: Ref<HTMLInputElement>;
  isNew: boolean;
};

/** The contract's fields in three sections: the contract, money and dates, responsibility and notes. */
export function ContractFormFields({ form, users, customerFixed, takenNumber, onNumberEdited, numberRef, isNew }: Props) {
  const { t } = useTranslation();
  const { values, setField, update, error } = form;

  const text = (key: 'number' | 'title' | 'notes', label: string, extra: TextFieldProps = {}) => {
    const problem = error(key);
    return <TextField label={label} name={key} value={values[key]} onChange={(e) => setField(key, e.target.value)} error={problem !== undefined} helperText={problem} fullWidth {...extra} />;
  };
  const date = (key: 'signedOn' | 'startOn' | 'endOn', label: string) => {
    const problem = error(key);
    return <TextField {...DATE_PROPS} label={label} name={key} value={values[key] ?? ''} onChange={(e) => setField(key, e.target.value || null)} error={problem !== undefined} helperText={problem} />;
  };
  const whole = (key: 'renewalMonths' | 'noticeDays', label: string, extra: TextFieldProps = {}) => {
    const problem = error(key);
    return (
      <TextField
        label={label}
        name={key}
        type="number"
        value={values[key] ?? ''}
        onChange={(e) => setField(key, e.target.value === '' ? null : Number(e.target.value))}
        error={problem !== undefined}
        helperText={problem ?? extra.helperText}
        slotProps={{ htmlInput: { min: 0, step: 1 } }}
        {...extra}
      />
    );
  };

  const numberProblem = takenNumber !== null ? t('contract.numberTaken', { number: takenNumber }) : error('number');
  const amountShown = error('amountText') !== undefined;
  const amountParsed = parseAmount(values.amountText, values.currency);
  const amountProblem = amountShown && !amountParsed.ok ? t(`contract.amountProblems.${amountParsed.reason}`) : error('amount');

  return (
    <>
      <Section title={t('contractForm.sectionContract')}>
        <Box sx={GRID_SX}>
          <TextField
            label={t('contract.number')}
            name="number"
            value={values.number}
            inputRef={numberRef}
            onChange={(e) => {
              onNumberEdited();
              setField('number', e.target.value);
            }}
            error={numberProblem !== undefined}
            helperText={numberProblem ?? t('contractForm.numberHint')}
            required
            slotProps={{ htmlInput: { maxLength: 40 } }}
          />
          {text('title', t('contract.title'), { required: true, autoFocus: isNew, sx: { gridColumn: { sm: 'span 2' } } })}
          <CustomerPicker
            name="customer"
            required
            value={values.customer}
            readOnly={customerFixed}
            onChange={(customer) => update((prev) => ({ ...prev, customer, customerId: customer?.id ?? null }), 'customerId')}
            error={error('customerId')}
            sx={{ gridColumn: { sm: 'span 2' } }}
          />
          <TextField select slotProps={NATIVE_SELECT} label={t('contract.type')} name="type" value={values.type} onChange={(e) => setField('type', e.target.value as ContractType)} /* the options are CONTRACT_TYPES */>
            {CONTRACT_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`contract.types.${ty}`)}
              </option>
            ))}
          </TextField>
        </Box>
      </Section>

      <Section title={t('contractForm.sectionTerms')}>
        <Box sx={GRID_SX}>
          <TextField
            label={t('contract.amount')}
            name="amount"
            value={values.amountText}
            onChange={(e) => update((prev) => withAmount(prev, e.target.value, prev.currency), 'amountText', 'amount')}
            error={amountProblem !== undefined}
            helperText={amountProblem ?? t('contractForm.amountHint')}
            slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 24 } }}
          />
          <TextField
            select
            slotProps={NATIVE_SELECT}
            label={t('contract.currency')}
            name="currency"
            value={values.currency}
            onChange={(e) => update((prev) => withAmount(prev, prev.amountText, e.target.value), 'currency', 'amountText', 'amount')}
            error={error('currency') !== undefined}
            helperText={error('currency')}
          >
            {[...new Set([...CURRENCIES, values.currency])].map((c) => (
              <option key={c} value={c}>
                {t('contractForm.currencyOption', { code: c, name: currencyName(c, currentLanguage()) })}
              </option>
            ))}
          </TextField>
          {date('signedOn', t('contract.signedOn'))}
          {date('startOn', t('contract.startOn'))}
          {date('endOn', t('contract.endOn'))}
          {whole('noticeDays', t('contract.noticeDays'), { helperText: t('contractForm.noticeHint') })}
          <FormControlLabel
            control={<Checkbox checked={values.autoRenew} onChange={(e) => update((prev) => ({ ...prev, autoRenew: e.target.checked, renewalMonths: prev.renewalMonths ?? DEFAULT_RENEWAL_MONTHS }), 'autoRenew', 'renewalMonths', 'endOn')} name="autoRenew" />}
            label={t('contract.autoRenew')}
          />
          {values.autoRenew ? whole('renewalMonths', t('contract.renewalMonths'), { required: true }) : null}
        </Box>
      </Section>

      <Section title={t('contractForm.sectionOther')}>
        <Box sx={GRID_SX}>
          <TextField
            select
            slotProps={NATIVE_SELECT}
            label={t('contract.owner')}
            name="ownerId"
            value={values.ownerId === null ? '' : String(values.ownerId)}
            onChange={(e) => setField('ownerId', e.target.value ? Number(e.target.value) : null)}
            error={error('ownerId') !== undefined}
            helperText={error('ownerId')}
          >
            <option value="">{t('contractForm.noOwner')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName || u.username}
              </option>
            ))}
          </TextField>
          {text('notes', t('contract.notes'), { multiline: true, minRows: 3, sx: { gridColumn: '1 / -1' } })}
        </Box>
      </Section>
    </>
  );
}

const names = new Map<string, Intl.DisplayNames>();

/** 人民币 / Chinese Yuan, as the UI language names the currency. */
function currencyName(code: string, language: string): string {
  let display = names.get(language);
  if (!display) {
    display = new Intl.DisplayNames([language], { type: 'currency' });
    names.set(language, display);
  }
  return display.of(code) ?? code;
}
