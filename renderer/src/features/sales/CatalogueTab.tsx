import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATALOGUE_KINDS, type CatalogueItem, type CatalogueKind } from '../../../../shared/api/sales.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { useCan } from '../../app/session.tsx';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { amountInputText, CURRENCIES, DEFAULT_CURRENCY, formatMoney } from '../contracts/money.ts';
import { parsePrice } from './sale-draft.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** A refusal's reason when the core names one (CONFLICT 'duplicate' name, 'limit' of items). */
function conflictReason(error: AppFailure): string | null {
  if (error.code !== 'CONFLICT') return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason; // CONFLICT details carry a reason string
  return typeof reason === 'string' ? reason : null;
}

/**
 * Settings → Catalogue: the products and services sales lines are picked from. The tab is for its
 * editors (catalogue.manage: the owner, managers); staff pick from it in the sale form.
 * An item is never deleted: sales that named it keep their own copy of the name and price.
 */
export function CatalogueTab() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canManage = useCan('catalogue.manage');
  const notify = useNotify();
  const list = useCoreQuery('catalogue.list', { includeInactive: canManage });
  const setActive = useCoreMutation('catalogue.setActive');
  const [editing, setEditing] = useState<CatalogueItem | 'new' | null>(null);
  const rows = list.data?.rows ?? [];
  const toggle = (item: CatalogueItem) =>
    setActive.mutate(
      { id: item.id, version: item.version, active: !item.active },
      {
        onSuccess: () => notify({ message: t(item.active ? 'catalogue.deactivated' : 'catalogue.activated', { name: item.name }) }),
        onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }),
      },
    );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography sx={{ flex: 1 }} color="text.secondary">
          {canManage ? t('catalogue.intro') : t('catalogue.introReadOnly')}
        </Typography>
        {canManage ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {t('catalogue.add')}
          </Button>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('catalogue.empty')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={t('catalogue.title')} sx={{ tableLayout: 'fixed', minWidth: 700 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('catalogue.name')}</TableCell>
                <TableCell sx={{ width: 90 }}>{t('catalogue.kind')}</TableCell>
                <TableCell sx={{ width: 80 }}>{t('catalogue.unit')}</TableCell>
                <TableCell sx={{ width: 150 }} align="right">
                  {t('catalogue.price')}
                </TableCell>
                <TableCell sx={{ width: 90 }}>{t('catalogue.status')}</TableCell>
                {canManage ? <TableCell sx={{ width: 190 }} /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((item) => (
                <TableRow key={item.id} data-catalogue-id={item.id} sx={item.active ? undefined : { '& td': { color: 'text.disabled' } }}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{item.name}</TableCell>
                  <TableCell>{t(`catalogue.kinds.${item.kind}`)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{item.unit}</TableCell>
                  <TableCell align="right">{formatMoney(item.priceMinor, item.currency, language)}</TableCell>
                  <TableCell>{item.active ? t('catalogue.active') : <Chip size="small" label={t('catalogue.inactive')} />}</TableCell>
                  {canManage ? (
                    <TableCell align="right">
                      <Button size="small" onClick={() => setEditing(item)}>
                        {t('common.edit')}
                      </Button>
                      <Button size="small" onClick={() => toggle(item)} disabled={setActive.isPending}>
                        {item.active ? t('catalogue.deactivate') : t('catalogue.activate')}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {editing !== null ? <CatalogueItemDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

type ItemProblems = Partial<Record<'name' | 'unit' | 'price' | 'currency', string>> & { other?: string };

function CatalogueItemDialog({ item, onClose }: { item: CatalogueItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCoreMutation('catalogue.create');
  const update = useCoreMutation('catalogue.update');
  const pending = create.isPending || update.isPending;
  const [name, setName] = useState(item?.name ?? '');
  const [kind, setKind] = useState<CatalogueKind>(item?.kind ?? 'product');
  const [unit, setUnit] = useState(item?.unit ?? '');
  const [currency, setCurrency] = useState(item?.currency ?? DEFAULT_CURRENCY);
  const [price, setPrice] = useState(item ? amountInputText(item.priceMinor, item.currency) : '');
  const [problems, setProblems] = useState<ItemProblems>({});
  const currencies = [...new Set([...CURRENCIES, currency])];

  const refused = (error: AppFailure) => {
    const reason = conflictReason(error);
    if (reason === 'duplicate') return setProblems({ name: t('catalogue.problems.duplicate') });
    if (reason === 'limit') return setProblems({ other: t('catalogue.problems.limit') });
    const found: ItemProblems = {};
    const fields: Record<string, keyof ItemProblems> = { name: 'name', unit: 'unit', priceMinor: 'price', currency: 'currency' };
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) {
      const field = fields[path];
      if (field) found[field] = issueMessage(t, issue);
    }
    if (Object.keys(found).length === 0) found.other = errorMessage(t, error);
    setProblems(found);
  };
  const save = () => {
    const parsed = parsePrice(price, currency, false);
    const found: ItemProblems = {};
    if (name.trim() === '') found.name = t('validation.required');
    if (!parsed.ok) found.price = t(`saleForm.problems.${parsed.reason}`);
    if (!parsed.ok || Object.keys(found).length > 0) return setProblems(found);
    const draft = { name, kind, unit, currency, priceMinor: parsed.minor };
    if (item) update.mutate({ ...draft, id: item.id, version: item.version }, { onSuccess: onClose, onError: refused });
    else create.mutate(draft, { onSuccess: onClose, onError: refused });
  };

  return (
    <Dialog open onClose={pending ? undefined : onClose} aria-labelledby="catalogue-item-title" maxWidth="sm" fullWidth>
      <DialogTitle id="catalogue-item-title">{item ? t('catalogue.editTitle') : t('catalogue.addTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" onSubmit={(e) => { e.preventDefault(); save(); }}>
          <TextField autoFocus required label={t('catalogue.name')} value={name} onChange={(e) => setName(e.target.value)} error={problems.name !== undefined} helperText={problems.name} />
          <Stack direction="row" spacing={2}>
            <TextField select label={t('catalogue.kind')} slotProps={NATIVE_SELECT} sx={{ width: 140 }} value={kind} onChange={(e) => setKind(CATALOGUE_KINDS.find((k) => k === e.target.value) ?? 'product')}>
              {CATALOGUE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`catalogue.kinds.${k}`)}
                </option>
              ))}
            </TextField>
            <TextField label={t('catalogue.unit')} sx={{ width: 120 }} value={unit} onChange={(e) => setUnit(e.target.value)} error={problems.unit !== undefined} helperText={problems.unit} />
            <TextField label={t('catalogue.price')} sx={{ flex: 1 }} value={price} onChange={(e) => setPrice(e.target.value)} error={problems.price !== undefined} helperText={problems.price} slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
            <TextField select label={t('sale.currency')} slotProps={NATIVE_SELECT} sx={{ width: 110 }} value={currency} onChange={(e) => setCurrency(e.target.value)} error={problems.currency !== undefined} helperText={problems.currency}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </TextField>
          </Stack>
          {problems.other ? <Alert severity="error">{problems.other}</Alert> : null}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={save} disabled={pending}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

