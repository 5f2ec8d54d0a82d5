import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { NEED_DETAIL_MAX, NEED_KINDS, NEED_TITLE_MAX, RESPONSE_HOURS_MAX, type Need, type NeedDraftInput, type NeedKind } from '../../../../shared/api/needs.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { amountInputText, CURRENCIES, DEFAULT_CURRENCY, parseAmount } from '../contracts/money.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const SHRINK = { inputLabel: { shrink: true } } as const;

type Values = {
  kind: NeedKind;
  title: string;
  detail: string;
  itemId: string;
  neededBy: string;
  responseHours: string;
  onSite: boolean;
  training: boolean;
  budgetMin: string;
  budgetMax: string;
  currency: string;
  contactIds: number[];
};

function initialValues(need: Need | undefined): Values {
  if (!need) {
    return { kind: 'pain', title: '', detail: '', itemId: '', neededBy: '', responseHours: '', onSite: false, training: false, budgetMin: '', budgetMax: '', currency: DEFAULT_CURRENCY, contactIds: [] };
  }
  return {
    kind: need.kind,
    title: need.title,
    detail: need.detail,
    itemId: need.itemId === null ? '' : String(need.itemId),
    neededBy: need.neededBy ?? '',
    responseHours: need.responseHours === null ? '' : String(need.responseHours),
    onSite: need.onSite,
    training: need.training,
    budgetMin: amountInputText(need.budgetMinMinor, need.currency),
    budgetMax: amountInputText(need.budgetMaxMinor, need.currency),
    currency: need.currency,
    contactIds: need.contacts.map((c) => c.id),
  };
}

type Problems = Partial<Record<string, string>>;

/**
 * Note a need of a customer, or edit one: the kind decides which of its own fields show
 * (expectations, budget, decision makers picked from the customer's contacts). The core judges;
 * what it refuses shows on its field.
 */
export function NeedDialog({ customer, need, onClose }: { customer: Pick<Customer, 'id' | 'name' | 'contacts'>; need?: Need; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [values, setValues] = useState<Values>(() => initialValues(need));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<AppFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const catalogue = useCoreQuery('catalogue.list', { includeInactive: true });
  // Offered: the active items, and the one this need names even if it was withdrawn since.
  const items = (catalogue.data?.rows ?? []).filter((item) => item.active || String(item.id) === values.itemId);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
  };

  const amount = (text: string, key: 'budgetMin' | 'budgetMax', found: Problems): number | null => {
    const parsed = parseAmount(text, values.currency);
    if (parsed.ok) return parsed.minor;
    found[key] = t(`needs.problems.${parsed.reason === 'format' ? 'amountFormat' : parsed.reason === 'decimals' ? 'amountDecimals' : 'amountTooLarge'}`);
    return null;
  };

  const save = async () => {
    setFailure(null);
    const found: Problems = {};
    if (values.title.trim() === '') found.title = t('validation.required');
    const hours = values.responseHours.trim();
    if (values.kind === 'expectation' && hours !== '' && !(/^\d+$/.test(hours) && Number(hours) >= 1 && Number(hours) <= RESPONSE_HOURS_MAX)) found.responseHours = t('needs.problems.hours');
    const budget = values.kind === 'budget' ? { min: amount(values.budgetMin, 'budgetMin', found), max: amount(values.budgetMax, 'budgetMax', found) } : { min: null, max: null };
    if (budget.min !== null && budget.max !== null && budget.min > budget.max) found.budgetMax = t('validation.budgetOrder');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const fields: Omit<NeedDraftInput, 'customerId'> = {
      kind: values.kind,
      title: values.title,
      detail: values.detail,
      itemId: values.itemId === '' ? null : Number(values.itemId),
      neededBy: values.neededBy === '' ? null : values.neededBy,
      responseHours: values.kind === 'expectation' && hours !== '' ? Number(hours) : null,
      onSite: values.kind === 'expectation' && values.onSite,
      training: values.kind === 'expectation' && values.training,
      budgetMinMinor: budget.min,
      budgetMaxMinor: budget.max,
      currency: values.currency,
      contactIds: values.kind === 'decision' ? values.contactIds : [],
    };
    setBusy(true);
    try {
      if (need) await call('needs.update', { ...fields, id: need.id, version: need.version });
      else await call('needs.create', { ...fields, customerId: customer.id });
      dataChanged(); // the section, the list, the timeline
      notify({ message: t(need ? 'needs.updated' : 'needs.created') });
      onClose();
    } catch (caught) {
      const error = caught as AppFailure; // call() throws the core's error value
      const placed: Problems = {};
      const names: Record<string, keyof Values> = { budgetMinMinor: 'budgetMin', budgetMaxMinor: 'budgetMax' };
      for (const [path, issue] of Object.entries(serverFieldErrors(error))) {
        const key = names[path] ?? (path.startsWith('contactIds') ? 'contactIds' : path);
        placed[key] = issueMessage(t, issue);
      }
      if (Object.keys(placed).length > 0) setProblems(placed);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'title' | 'detail' | 'neededBy' | 'responseHours' | 'budgetMin' | 'budgetMax', label: string, extra: object = {}) => (
    <TextField label={label} value={values[key]} onChange={(e) => set(key, e.target.value)} error={problems[key] !== undefined} helperText={problems[key]} {...extra} />
  );

  return (
    <Dialog open onClose={onClose} aria-labelledby="need-dialog-title" fullWidth maxWidth="sm">
      <DialogTitle id="need-dialog-title" sx={{ overflowWrap: 'anywhere' }}>
        {need ? t('needs.editTitle') : t('needs.newTitle', { name: customer.name })}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '1fr 1fr' } }}>
            <TextField select slotProps={NATIVE_SELECT} label={t('need.kind')} value={values.kind} onChange={(e) => set('kind', e.target.value as NeedKind)}>
              {/* the options are NEED_KINDS */}
              {NEED_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`need.kinds.${kind}`)}
                </option>
              ))}
            </TextField>
            {text('neededBy', t('need.neededBy'), { type: 'date', slotProps: SHRINK })}
          </Box>
          {text('title', t('need.title'), { required: true, autoFocus: true, slotProps: { htmlInput: { maxLength: NEED_TITLE_MAX } } })}
          <TextField select slotProps={NATIVE_SELECT} label={t('need.item')} value={values.itemId} onChange={(e) => set('itemId', e.target.value)} error={problems.itemId !== undefined} helperText={problems.itemId}>
            <option value="">{t('need.noItem')}</option>
            {items.map((item) => (
              <option key={item.id} value={String(item.id)}>
                {item.name}
              </option>
            ))}
          </TextField>
          {values.kind === 'expectation' ? (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '1fr 1fr' }, alignItems: 'center' }}>
              {text('responseHours', t('need.responseHours'), { slotProps: { htmlInput: { inputMode: 'numeric' } } })}
              <FormGroup row>
                <FormControlLabel control={<Checkbox checked={values.onSite} onChange={(e) => set('onSite', e.target.checked)} />} label={t('need.onSite')} />
                <FormControlLabel control={<Checkbox checked={values.training} onChange={(e) => set('training', e.target.checked)} />} label={t('need.training')} />
              </FormGroup>
            </Box>
          ) : null}
          {values.kind === 'budget' ? (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { sm: '2fr 2fr 1fr' } }}>
              {text('budgetMin', t('need.budgetMin'), { slotProps: { htmlInput: { inputMode: 'decimal' } } })}
              {text('budgetMax', t('need.budgetMax'), { slotProps: { htmlInput: { inputMode: 'decimal' } } })}
              <TextField select slotProps={NATIVE_SELECT} label={t('need.currency')} value={values.currency} onChange={(e) => set('currency', e.target.value)}>
                {[...new Set([...CURRENCIES, values.currency])].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </TextField>
            </Box>
          ) : null}
          {values.kind === 'decision' ? (
            <Box>
              <FormLabel component="legend" error={problems.contactIds !== undefined}>
                {t('need.contacts')}
              </FormLabel>
              {customer.contacts.length === 0 ? (
                <Typography color="text.secondary">{t('needs.noContacts')}</Typography>
              ) : (
                <FormGroup row>
                  {customer.contacts.map((contact) => (
                    <FormControlLabel
                      key={contact.id}
                      control={
                        <Checkbox
                          checked={values.contactIds.includes(contact.id!)}
                          onChange={(e) => set('contactIds', e.target.checked ? [...values.contactIds, contact.id!] : values.contactIds.filter((id) => id !== contact.id))} // a stored contact has its id
                        />
                      }
                      label={contact.title ? `${contact.name}（${contact.title}）` : contact.name}
                    />
                  ))}
                </FormGroup>
              )}
              {problems.contactIds ? <Typography color="error" variant="caption">{problems.contactIds}</Typography> : null}
            </Box>
          ) : null}
          {text('detail', t('need.detail'), { multiline: true, minRows: 3, slotProps: { htmlInput: { maxLength: NEED_DETAIL_MAX } } })}
          {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
