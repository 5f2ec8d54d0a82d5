import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POSITIONS, type Position, type Presence } from '../../../../shared/api/competitors.ts';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { issueMessage, serverFieldErrors } from '../../app/validation.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { shareText } from './presence-format.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

/** On a customer's page: 竞争对手 / Competitors present there, added and edited by whoever may edit the customer. */
export function CustomerCompetitorsSection({ customer: c }: { customer: Pick<Customer, 'id' | 'name' | 'deletedAt' | 'actions'> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const notify = useNotify();
  const list = useCoreQuery('competitors.presence', { customerId: c.id });
  const remove = useCoreMutation('competitors.removePresence');
  const [editing, setEditing] = useState<Presence | 'new' | null>(null);
  const rows = list.data?.rows ?? [];
  const writable = c.actions.edit && c.deletedAt === null;

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-competitors-title" data-testid="customer-competitors">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="customer-competitors-title" sx={{ flex: 1 }}>
          {t('presence.title')}
        </Typography>
        {writable ? (
          <Button startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {t('presence.add')}
          </Button>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('presence.none')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('presence.title')} sx={{ tableLayout: 'fixed', minWidth: 760 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '20%' }}>{t('presence.competitor')}</TableCell>
                <TableCell>{t('presence.products')}</TableCell>
                <TableCell sx={{ width: 80 }} align="right">
                  {t('presence.share')}
                </TableCell>
                <TableCell sx={{ width: 150 }}>{t('presence.contractEndOn')}</TableCell>
                <TableCell sx={{ width: 130 }}>{t('presence.position')}</TableCell>
                {writable ? <TableCell sx={{ width: 180 }} /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-presence-id={row.id}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'competitor', id: row.competitorId })}>{row.competitorName}</Link>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    {row.products}
                    {row.notes ? (
                      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
                        {row.notes}
                      </Typography>
                    ) : null}
                  </TableCell>
                  <TableCell align="right">{shareText(row.sharePercent, language)}</TableCell>
                  <TableCell>{row.contractEndOn ? formatDay(row.contractEndOn, language) : ''}</TableCell>
                  <TableCell>{t(`presence.positions.${row.position}`)}</TableCell>
                  {writable ? (
                    <TableCell align="right">
                      {row.actions.edit ? (
                        <Button size="small" onClick={() => setEditing(row)}>
                          {t('common.edit')}
                        </Button>
                      ) : null}
                      {row.actions.remove ? (
                        <Button
                          size="small"
                          color="error"
                          disabled={remove.isPending}
                          onClick={() =>
                            remove.mutate(
                              { id: row.id, version: row.version },
                              {
                                onSuccess: () => notify({ message: t('presence.removed', { name: row.competitorName }) }),
                                onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }),
                              },
                            )
                          }
                        >
                          {t('presence.remove')}
                        </Button>
                      ) : null}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {editing !== null ? (
        <PresenceDialog customerId={c.id} presence={editing === 'new' ? null : editing} taken={new Set(rows.map((r) => r.competitorId))} onClose={() => setEditing(null)} />
      ) : null}
    </Paper>
  );
}

type Field = 'competitorId' | 'products' | 'sharePercent' | 'contractEndOn' | 'position' | 'notes';
type Problems = Partial<Record<Field, string>> & { other?: string };
const FIELDS: readonly Field[] = ['competitorId', 'products', 'sharePercent', 'contractEndOn', 'position', 'notes'];

/** Which competitor (new rows only), for which products, its share, its contract's end, our position. */
function PresenceDialog({ customerId, presence, taken, onClose }: { customerId: number; presence: Presence | null; taken: ReadonlySet<number>; onClose: () => void }) {
  const { t } = useTranslation();
  const register = useCoreQuery('competitors.list', {}, { enabled: presence === null });
  const add = useCoreMutation('competitors.addPresence');
  const update = useCoreMutation('competitors.updatePresence');
  const pending = add.isPending || update.isPending;
  const offered = (register.data?.rows ?? []).filter((r) => !taken.has(r.id));
  const [competitorId, setCompetitorId] = useState<number | ''>('');
  const [products, setProducts] = useState(presence?.products ?? '');
  const [share, setShare] = useState(presence?.sharePercent === null || presence === null ? '' : String(presence.sharePercent));
  const [contractEndOn, setContractEndOn] = useState(presence?.contractEndOn ?? '');
  const [position, setPosition] = useState<Position>(presence?.position ?? 'unknown');
  const [notes, setNotes] = useState(presence?.notes ?? '');
  const [problems, setProblems] = useState<Problems>({});

  const refused = (error: AppFailure) => {
    const found: Problems = {};
    for (const [path, issue] of Object.entries(serverFieldErrors(error))) {
      if (!(FIELDS as readonly string[]).includes(path)) continue;
      // The core's 'taken' here: this competitor is already recorded at the customer.
      found[path as Field] = path === 'competitorId' && issue.message === 'taken' ? t('presence.problems.taken') : issueMessage(t, issue); // one of FIELDS
    }
    if (Object.keys(found).length === 0) found.other = errorMessage(t, error);
    setProblems(found);
  };
  const save = () => {
    const found: Problems = {};
    if (presence === null && competitorId === '') found.competitorId = t('validation.required');
    const shareValue = share.trim() === '' ? null : Number(share.trim());
    if (shareValue !== null && !(Number.isInteger(shareValue) && shareValue >= 0 && shareValue <= 100)) found.sharePercent = t('presence.problems.share');
    if (Object.keys(found).length > 0) return setProblems(found);
    const fields = { products, sharePercent: shareValue, contractEndOn: contractEndOn === '' ? null : contractEndOn, position, notes };
    if (presence) update.mutate({ ...fields, id: presence.id, version: presence.version }, { onSuccess: onClose, onError: refused });
    else if (competitorId !== '') add.mutate({ ...fields, customerId, competitorId }, { onSuccess: onClose, onError: refused });
  };

  return (
    <Dialog open onClose={pending ? undefined : onClose} aria-labelledby="presence-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="presence-dialog-title">{presence ? t('presence.editTitle', { name: presence.competitorName }) : t('presence.addTitle')}</DialogTitle>
      <DialogContent>
        <Stack
          spacing={2}
          sx={{ pt: 1 }}
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          {presence === null ? (
            <TextField
              select
              required
              autoFocus
              label={t('presence.competitor')}
              slotProps={NATIVE_SELECT}
              value={competitorId}
              onChange={(e) => setCompetitorId(e.target.value === '' ? '' : Number(e.target.value))}
              error={problems.competitorId !== undefined}
              helperText={problems.competitorId ?? (register.isSuccess && offered.length === 0 ? t('presence.noneToOffer') : undefined)}
            >
              <option value="">{t('presence.choose')}</option>
              {offered.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </TextField>
          ) : null}
          <TextField label={t('presence.products')} value={products} onChange={(e) => setProducts(e.target.value)} error={problems.products !== undefined} helperText={problems.products} />
          <Stack direction="row" spacing={2}>
            <TextField
              label={t('presence.sharePercent')}
              sx={{ width: 140 }}
              value={share}
              onChange={(e) => setShare(e.target.value)}
              error={problems.sharePercent !== undefined}
              helperText={problems.sharePercent}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <TextField
              type="date"
              label={t('presence.contractEndOn')}
              sx={{ flex: 1 }}
              value={contractEndOn}
              onChange={(e) => setContractEndOn(e.target.value)}
              error={problems.contractEndOn !== undefined}
              helperText={problems.contractEndOn}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              select
              label={t('presence.position')}
              slotProps={NATIVE_SELECT}
              sx={{ width: 150 }}
              value={position}
              onChange={(e) => setPosition(POSITIONS.find((p) => p === e.target.value) ?? 'unknown')}
              error={problems.position !== undefined}
              helperText={problems.position}
            >
              {POSITIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`presence.positions.${p}`)}
                </option>
              ))}
            </TextField>
          </Stack>
          <TextField multiline minRows={2} label={t('presence.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} error={problems.notes !== undefined} helperText={problems.notes} />
          {problems.other ? <Alert severity="error">{problems.other}</Alert> : null}
          <Box>
            <button type="submit" hidden />
          </Box>
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
