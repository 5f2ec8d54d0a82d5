import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localDay } from '../../../../shared/contract-status.ts';
import type { Sale, SaleDraftInput } from '../../../../shared/api/sales.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { useCan } from '../../app/session.tsx';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { amountInputText, CURRENCIES, DEFAULT_CURRENCY, formatMoney } from '../contracts/money.ts';
import { CustomerPicker, type CustomerOption } from '../customers/CustomerPicker.tsx';
import { useUsers } from '../customers/use-users.ts';
import { ContractPicker } from '../records/ContractPicker.tsx';
import { blankLine, isBlankLine, lineDraft, liveTotal, type LineProblem, type SaleValues } from './sale-draft.ts';
import { SaleLinesEditor } from './SaleLinesEditor.tsx';
import { formatQuantity } from '../../../../shared/api/sales.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** The last customer a quick entry was saved for, so the next counter sale starts with them (until reload). */
let lastCustomer: CustomerOption | null = null;

function initialValues(sale: Sale | undefined, customer: CustomerOption | undefined): SaleValues {
  if (!sale) {
    return { customer: customer ?? lastCustomer, soldOn: localDay(Date.now()), currency: DEFAULT_CURRENCY, contract: null, staffId: null, notes: '', lines: [blankLine()] };
  }
  return {
    customer: { id: sale.customerId, name: sale.customerName, code: sale.customerCode },
    soldOn: sale.soldOn,
    currency: sale.currency,
    contract: sale.contractId !== null ? { id: sale.contractId, number: sale.contractNumber ?? '', title: '' } : null,
    staffId: sale.staffId,
    notes: sale.notes,
    lines: sale.lines.map((line) => ({
      ...blankLine(),
      itemId: line.itemId,
      name: line.name,
      quantity: formatQuantity(line.quantityMilli),
      unitPrice: amountInputText(line.unitPriceMinor, sale.currency),
      discount: line.discountMinor > 0 ? amountInputText(line.discountMinor, sale.currency) : '',
    })),
  };
}

/** The core's line fields → the form's (the core speaks minor units, the form typed text). */
const LINE_FIELDS: Record<string, keyof LineProblem> = { name: 'name', quantityMilli: 'quantity', unitPriceMinor: 'unitPrice', discountMinor: 'discount', itemId: 'name' };
const FIELDS = ['customerId', 'soldOn', 'currency', 'contractId', 'staffId', 'notes'] as const;
type Field = (typeof FIELDS)[number];

type Problems = { fields: Partial<Record<Field | 'lines', string>>; lines: Record<number, LineProblem>; other: string | null };
const NONE: Problems = { fields: {}, lines: {}, other: null };

type Props = {
  /** Editing this sale; a new one without. */
  sale?: Sale;
  /** Opened from this customer's page: the customer is fixed. */
  customer?: CustomerOption;
  onClose: () => void;
  onSaved?: (sale: Sale) => void;
};

/**
 * A sale: customer, day (today by the app's clock), currency, lines from the catalogue or typed,
 * with the total as the core will compute it. Quick entry: Enter in the last line adds a line,
 * Ctrl+Enter saves, "Save and new" keeps customer, day, currency and staff for the next sale.
 * A refusal keeps everything typed and says on each field why.
 */
export function SaleDialog({ sale, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const language = currentLanguage();
  const users = useUsers();
  const canWrite = useCan('customers.write');
  const catalogue = useCoreQuery('catalogue.list', { includeInactive: false }, { enabled: canWrite }).data?.rows ?? [];
  const [values, setValues] = useState(() => initialValues(sale, customer));
  const [problems, setProblems] = useState<Problems>(NONE);
  const create = useCoreMutation('sales.create');
  const update = useCoreMutation('sales.update');
  const pending = create.isPending || update.isPending;
  const set = <K extends keyof SaleValues>(key: K, value: SaleValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const total = liveTotal(values.lines, values.currency);
  const currencies = [...new Set([...CURRENCIES, values.currency])];

  /** The typed form → the core's draft, or the problems found here (the same the core would name). */
  const toDraft = (): { draft: SaleDraftInput } | { problems: Problems } => {
    const found: Problems = { fields: {}, lines: {}, other: null };
    if (!values.customer) found.fields.customerId = t('validation.required');
    if (values.soldOn === '') found.fields.soldOn = t('validation.required');
    const lines = values.lines.filter((line, index) => !isBlankLine(line) || (index === 0 && values.lines.every(isBlankLine)));
    const drafts = [];
    for (const line of lines) {
      const parsed = lineDraft(line, values.currency);
      if ('problems' in parsed) found.lines[line.key] = Object.fromEntries(Object.entries(parsed.problems).map(([field, key]) => [field, t(`saleForm.problems.${key}`)]));
      else drafts.push(parsed.line);
    }
    if (Object.keys(found.fields).length > 0 || Object.keys(found.lines).length > 0 || !values.customer) return { problems: found };
    return {
      draft: {
        customerId: values.customer.id,
        soldOn: values.soldOn,
        currency: values.currency,
        contractId: values.contract?.id ?? null,
        staffId: values.staffId,
        notes: values.notes,
        lines: drafts,
      },
    };
  };

  /** A refusal → the problems on the fields it names (line fields by position among the lines sent). */
  const refused = (error: AppFailure, sent: SaleValues['lines']): Problems => {
    const found: Problems = { fields: {}, lines: {}, other: null };
    const unplaced: string[] = [];
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) {
      const message = issueMessage(t, issue);
      const [head, index, field] = path.split('.');
      const line = head === 'lines' && index !== undefined ? sent[Number(index)] : undefined;
      const lineField = field !== undefined ? LINE_FIELDS[field] : undefined;
      if (line && lineField) found.lines[line.key] = { ...found.lines[line.key], [lineField]: message };
      else if (path === 'lines') found.fields.lines = message;
      else if ((FIELDS as readonly string[]).includes(path)) found.fields[path as Field] = message; // checked just above
      else unplaced.push(message);
    }
    const placed = Object.keys(found.fields).length > 0 || Object.keys(found.lines).length > 0;
    if (unplaced.length > 0 || !placed) found.other = errorMessage(t, error);
    return found;
  };

  const save = (andNew: boolean) => {
    if (pending) return;
    const result = toDraft();
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    const sent = values.lines.filter((line) => !isBlankLine(line));
    const done = (saved: Sale) => {
      lastCustomer = customer ? lastCustomer : values.customer;
      notify({ message: sale ? t('saleForm.updated') : t('saleForm.created', { total: formatMoney(saved.totalMinor, saved.currency, language) }) });
      onSaved?.(saved);
      if (andNew) {
        setProblems(NONE);
        setValues((current) => ({ ...current, contract: null, notes: '', lines: [blankLine()] }));
      } else onClose();
    };
    const failed = (error: AppFailure) => setProblems(refused(error, sent));
    if (sale) update.mutate({ ...result.draft, id: sale.id, version: sale.version }, { onSuccess: done, onError: failed });
    else create.mutate(result.draft, { onSuccess: done, onError: failed });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save(false);
    }
  };
  return (
    <Dialog open onClose={pending ? undefined : onClose} aria-labelledby="sale-dialog-title" maxWidth="lg" fullWidth onKeyDown={onKeyDown}>
      <DialogTitle id="sale-dialog-title">{sale ? t('saleForm.editTitle') : t('saleForm.newTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <CustomerPicker
              sx={{ flex: 1, minWidth: 260 }}
              size="small"
              required
              label={t('sale.customer')}
              value={values.customer}
              readOnly={customer !== undefined || sale !== undefined}
              autoFocus={!customer && !sale && !values.customer}
              error={problems.fields.customerId}
              onChange={(c) => setValues((current) => ({ ...current, customer: c, contract: null }))}
            />
            <TextField
              size="small"
              type="date"
              required
              sx={{ width: 170 }}
              label={t('sale.soldOn')}
              slotProps={{ inputLabel: { shrink: true } }}
              value={values.soldOn}
              onChange={(e) => set('soldOn', e.target.value)}
              error={problems.fields.soldOn !== undefined}
              helperText={problems.fields.soldOn}
            />
            <TextField
              select
              size="small"
              sx={{ width: 110 }}
              label={t('sale.currency')}
              slotProps={NATIVE_SELECT}
              value={values.currency}
              onChange={(e) => set('currency', e.target.value)}
              error={problems.fields.currency !== undefined}
              helperText={problems.fields.currency}
            >
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </TextField>
          </Stack>
          <SaleLinesEditor lines={values.lines} currency={values.currency} catalogue={catalogue} problems={problems.lines} onChange={(lines) => set('lines', lines)} />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button
              startIcon={<AddIcon />}
              onClick={() => set('lines', [...values.lines, blankLine()])}
            >
              {t('saleForm.addLine')}
            </Button>
            <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
              {t('saleForm.keys')}
            </Typography>
            <Typography variant="h6" component="p" data-testid="sale-total" data-total-minor={total ?? ''}>
              {t('saleForm.total', { total: total === null ? '—' : formatMoney(total, values.currency, language) })}
            </Typography>
          </Stack>
          {problems.fields.lines ? <Alert severity="error">{problems.fields.lines}</Alert> : null}
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <ContractPicker
              customerId={values.customer?.id ?? null}
              value={values.contract}
              onChange={(contract) => set('contract', contract)}
              error={problems.fields.contractId}
              sx={{ flex: 1, minWidth: 240 }}
            />
            <TextField
              select
              size="small"
              sx={{ width: 180 }}
              label={t('sale.staff')}
              slotProps={NATIVE_SELECT}
              value={values.staffId === null ? '' : String(values.staffId)}
              onChange={(e) => set('staffId', e.target.value === '' ? null : Number(e.target.value))}
              error={problems.fields.staffId !== undefined}
              helperText={problems.fields.staffId}
            >
              <option value="">{t('sale.noStaff')}</option>
              {users
                .filter((u) => u.active || u.id === values.staffId)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName || u.username}
                  </option>
                ))}
            </TextField>
          </Stack>
          <TextField
            size="small"
            multiline
            minRows={2}
            label={t('sale.notes')}
            value={values.notes}
            onChange={(e) => set('notes', e.target.value)}
            error={problems.fields.notes !== undefined}
            helperText={problems.fields.notes}
          />
          {problems.other ? <Alert severity="error">{problems.other}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        {sale ? null : (
          <Button onClick={() => save(true)} disabled={pending}>
            {t('saleForm.saveAndNew')}
          </Button>
        )}
        <Button variant="contained" onClick={() => save(false)} disabled={pending}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
