import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link,
  List,
  ListItem,
  ListItemText,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import StarIcon from '@mui/icons-material/Star';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { announceCustomersChanged } from '../../app/events.ts';
import { useNotify } from '../../app/notify.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatCalendarDate, formatDate, formatDateTime, formatLunarDate } from '../../i18n/format.ts';
import { parseLunarDate } from '../../../../shared/lunar-date.ts';
import { nextLunarBirthday } from './lunar.ts';
import i18next from 'i18next';
import { GradeChip, StageChip } from './CustomerChips.tsx';
import { OverflowText } from '../../app/OverflowText.tsx';
import { CollapsibleText } from './CollapsibleText.tsx';

type State = { status: 'loading' } | { status: 'failed'; error: AppError } | { status: 'ready'; customer: Customer };

/** A field as a term and its value; empty values show a dash so the layout stays stable. */
function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const empty = children === '' || children === null || children === undefined;
  return (
    <Box sx={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {empty ? '—' : children}
      </Typography>
    </Box>
  );
}

/** 农历1990年八月十五 (下一次：2027年9月15日): the lunar date, and the Gregorian day it next falls on. */
function lunarBirthdayText(text: string): string {
  const date = parseLunarDate(text);
  if (!date) return text;
  const now = new Date(); // the shop's local date, as everywhere "today" is meant
  const next = nextLunarBirthday(date, { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  const two = (n: number) => String(n).padStart(2, '0');
  const nextText = formatCalendarDate(`${String(next.year).padStart(4, '0')}-${two(next.month)}-${two(next.day)}`);
  return i18next.t('customer.lunarWithNext', { date: formatLunarDate(date), next: nextText });
}

const DL_SX = { display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', m: 0 } as const;

export function CustomerDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const result = await invoke('customers.get', { id });
    if (result.ok) setState({ status: 'ready', customer: result.value });
    else {
      logError(result.error);
      setState({ status: 'failed', error: result.error });
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'loading') {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }
  if (state.status === 'failed') {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={() => navigate({ name: 'customers' })}>
            {t('detail.back')}
          </Button>
        }
      >
        {errorMessage(t, state.error)}
      </Alert>
    );
  }

  const c = state.customer;

  const remove = async () => {
    setDeleting(true);
    setDeleteError(null);
    const result = await invoke('customers.delete', { id: c.id, version: c.version });
    setDeleting(false);
    if (!result.ok) {
      logError(result.error);
      setDeleteError(result.error);
      return;
    }
    setConfirmDelete(false);
    announceCustomersChanged();
    navigate({ name: 'customers' });
    notify({
      message: t('detail.deleted', { name: c.name }),
      action: {
        label: t('common.undo'),
        onClick: () => {
          void invoke('customers.restore', { id: c.id }).then((restored) => {
            if (restored.ok) {
              announceCustomersChanged();
              notify({ message: t('detail.restored', { name: c.name }) });
            } else {
              logError(restored.error);
              notify({ message: errorMessage(t, restored.error), severity: 'error' });
            }
          });
        },
      },
    });
  };

  const birthdayText = c.birthday ? (c.birthdayCalendar === 'lunar' ? lunarBirthdayText(c.birthday) : formatCalendarDate(c.birthday)) : '';

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Box>
        <Button startIcon={<ArrowBackIcon />} href={hrefOf({ name: 'customers' })}>
          {t('detail.back')}
        </Button>
      </Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {c.name}
        </Typography>
        <GradeChip grade={c.grade} size="medium" />
        <StageChip stage={c.stage} />
        <Typography color="text.secondary">{c.code}</Typography>
        <Box sx={{ flex: 1 }} />
        {/* The core says what this caller may do with this customer (staff delete only their own). */}
        {c.actions.edit ? (
          <Button variant="contained" startIcon={<EditIcon />} onClick={() => navigate({ name: 'customerEdit', id: c.id })}>
            {t('common.edit')}
          </Button>
        ) : null}
        {c.actions.delete ? (
          <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => {
            setDeleteError(null);
            setConfirmDelete(true);
          }}>
            {t('common.delete')}
          </Button>
        ) : null}
      </Stack>

      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t('detail.basics')}
        </Typography>
        <Box component="dl" sx={DL_SX}>
          <Field label={t('customer.kind')}>{t(`customer.kinds.${c.kind}`)}</Field>
          <Field label={t('customer.code')}>{c.code}</Field>
          <Field label={t('customer.industry')}>{c.industry}</Field>
          <Field label={t('customer.region')}>{c.region}</Field>
          <Field label={t('customer.phone')}>{c.phone}</Field>
          <Field label={t('customer.email')}>{c.email}</Field>
          <Field label={t('customer.website')}>{c.website}</Field>
          <Field label={t('customer.source')}>{c.source}</Field>
          <Field label={t('customer.size')}>{c.size ? t(`customer.sizes.${c.size}`) : ''}</Field>
          <Field label={t('customer.stage')}>{t(`customer.stages.${c.stage}`)}</Field>
          <Field label={t('customer.grade')}>{t(`customer.grades.${c.grade}`)}</Field>
          <Field label={t('customer.owner')}>{c.ownerName ?? ''}</Field>
          <Field label={c.kind === 'company' ? t('customer.foundingDate') : t('customer.birthday')}>{birthdayText}</Field>
          <Field label={t('customer.createdAt')}>{formatDateTime(c.createdAt)}</Field>
          <Field label={t('customer.updatedAt')}>{formatDateTime(c.updatedAt)}</Field>
          <Field label={t('customer.address')} wide>
            {c.address}
          </Field>
          <Field label={t('customer.tags')} wide>
            {c.tags.length ? (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} component="span">
                {c.tags.map((tag) => (
                  <Chip key={tag} label={tag} size="small" component="span" />
                ))}
              </Stack>
            ) : (
              t('detail.noTags')
            )}
          </Field>
          <Field label={t('customer.notes')} wide>
            {c.notes ? <CollapsibleText text={c.notes} /> : ''}
          </Field>
        </Box>
      </Paper>

      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t('customer.contacts')}
        </Typography>
        {c.contacts.length === 0 ? (
          <Typography color="text.secondary">{t('contact.none')}</Typography>
        ) : (
          <TableContainer>
            {/* Fixed columns: a long e-mail or title cannot squeeze the names to a character per line.
                Every cell is one line; what does not fit ends in an ellipsis with the whole text on hover. */}
            <Table size="small" aria-label={t('customer.contacts')} sx={{ tableLayout: 'fixed', minWidth: 900, '& th, & td': { px: 1 } }}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: '22%' }}>{t('contact.name')}</TableCell>
                  <TableCell sx={{ width: '12%' }}>{t('contact.title')}</TableCell>
                  <TableCell sx={{ width: 200 }}>{t('contact.phone')}</TableCell>
                  <TableCell sx={{ width: 130 }}>{t('contact.mobile')}</TableCell>
                  <TableCell>{t('contact.email')}</TableCell>
                  <TableCell sx={{ width: '10%' }}>{t('contact.wechat')}</TableCell>
                  <TableCell sx={{ width: 140 }}>{t('contact.birthday')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {c.contacts.map((contact) => (
                  <TableRow key={contact.id}>
                    <TableCell>
                      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', minWidth: 0 }}>
                        <OverflowText text={contact.name} sx={{ flex: '0 1 auto' }} />
                        {contact.decisionMaker ? (
                          // A star, not a chip: a chip's words would take the width the name needs.
                          <Tooltip title={t('detail.decisionMakerBadge')}>
                            <StarIcon color="secondary" fontSize="small" role="img" aria-label={t('detail.decisionMakerBadge')} sx={{ flexShrink: 0 }} />
                          </Tooltip>
                        ) : null}
                      </Stack>
                    </TableCell>
                    <TableCell>
                      <OverflowText text={contact.title} />
                    </TableCell>
                    <TableCell>
                      <OverflowText text={contact.phone} />
                    </TableCell>
                    <TableCell>
                      <OverflowText text={contact.mobile} />
                    </TableCell>
                    <TableCell>
                      {contact.email ? (
                        <OverflowText text={contact.email}>
                          <Link href={`mailto:${contact.email}`}>{contact.email}</Link>
                        </OverflowText>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <OverflowText text={contact.wechat} />
                    </TableCell>
                    <TableCell>
                      <OverflowText text={contact.birthday ? formatCalendarDate(contact.birthday) : ''} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>

      <Paper component="section" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {t('customer.gradeHistory')}
        </Typography>
        {c.gradeHistory.length === 0 ? (
          <Typography color="text.secondary">{t('detail.noGradeHistory')}</Typography>
        ) : (
          <List dense>
            {[...c.gradeHistory].reverse().map((entry, i) => (
              <ListItem key={`${entry.at}-${i}`} disableGutters>
                <ListItemText
                  primary={
                    entry.byName
                      ? t('customer.gradeHistoryBy', { grade: t(`customer.grades.${entry.grade}`), date: formatDate(entry.at), name: entry.byName })
                      : t('customer.gradeHistoryEntry', { grade: t(`customer.grades.${entry.grade}`), date: formatDate(entry.at) })
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
      </Paper>

      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} aria-labelledby="delete-title">
        <DialogTitle id="delete-title">{t('detail.deleteTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('detail.deleteBody', { name: c.name })}</DialogContentText>
          {deleteError ? (
            <Alert severity="error" sx={{ mt: 2 }}>
              {/* Staff may delete only the customers they created: say so rather than "no permission". */}
              {deleteError.code === 'FORBIDDEN' ? t('detail.deleteForbidden') : errorMessage(t, deleteError)}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmDelete(false)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="error" variant="contained" onClick={() => void remove()} disabled={deleting}>
            {t('common.delete')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
