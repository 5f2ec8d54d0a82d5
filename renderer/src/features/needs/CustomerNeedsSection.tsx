import { Alert, Box, Button, IconButton, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import { NEED_STATUSES, type Need, type NeedStatus } from '../../../../shared/api/needs.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged, useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { needSpecifics } from './need-format.ts';
import { NeedDialog } from './NeedDialog.tsx';
import { useNeedPages } from './use-need-pages.ts';

const PAGE_SIZE = 20;
const NATIVE_SELECT = { select: { native: true } } as const;

/** On a customer's page: their needs, newest first, with "Note a need", edit, status and delete as the core allows. */
export function CustomerNeedsSection({ customer: c }: { customer: Pick<Customer, 'id' | 'name' | 'deletedAt' | 'actions' | 'contacts'> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const notify = useNotify();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Need | null>(null);
  const list = useNeedPages({ customerId: c.id, limit: PAGE_SIZE });
  const count = useCoreQuery('needs.count', { customerId: c.id });
  const rows = list.rows;

  const act = async (work: () => Promise<unknown>, message: string) => {
    try {
      await work();
      dataChanged();
      notify({ message });
    } catch (caught) {
      notify({ message: errorMessage(t, caught as AppFailure), severity: 'error' }); // call() throws the core's error value
    }
  };
  const setStatus = (need: Need, status: NeedStatus) =>
    act(() => call('needs.setStatus', { id: need.id, version: need.version, status }), t('needs.statusChanged', { status: t(`need.statuses.${status}`) }));
  const remove = (need: Need) => act(() => call('needs.delete', { id: need.id, version: need.version }), t('needs.deleted'));

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-needs-title" data-testid="customer-needs">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="customer-needs-title">
          {t('needs.section')}
        </Typography>
        <Typography color="text.secondary" sx={{ flex: 1 }}>
          {count.data && count.data.count > 0 ? t('needs.count', { count: count.data.count, formatted: formatNumber(count.data.count) }) : ''}
        </Typography>
        {count.data && count.data.count > 0 ? <Link href={hrefOf({ name: 'needs', query: `customerId=${c.id}` })}>{t('needs.all')}</Link> : null}
        {/* Noting a need writes: offered to whoever may edit the customer (customers.write), on a live one. */}
        {c.actions.edit && c.deletedAt === null ? (
          <Button startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            {t('needs.new')}
          </Button>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('needs.none')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('needs.section')} sx={{ tableLayout: 'fixed', minWidth: 760 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 120 }}>{t('need.kind')}</TableCell>
                <TableCell>{t('need.title')}</TableCell>
                <TableCell sx={{ width: 150 }}>{t('need.item')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('need.neededBy')}</TableCell>
                <TableCell sx={{ width: 120 }}>{t('need.status')}</TableCell>
                <TableCell sx={{ width: 150 }}>{t('need.noted')}</TableCell>
                <TableCell sx={{ width: 88 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((need) => {
                const specifics = needSpecifics(t, need, language);
                return (
                  <TableRow key={need.id} data-need-id={need.id}>
                    <TableCell>{t(`need.kinds.${need.kind}`)}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      <Typography variant="body2">{need.title}</Typography>
                      {specifics ? (
                        <Typography variant="caption" color="text.secondary">
                          {specifics}
                        </Typography>
                      ) : null}
                      {need.detail ? (
                        <Typography variant="caption" color="text.secondary" component="div" sx={{ whiteSpace: 'pre-wrap' }}>
                          {need.detail}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{need.itemName ?? ''}</TableCell>
                    <TableCell>{need.neededBy ? formatDay(need.neededBy, language) : ''}</TableCell>
                    <TableCell>
                      {need.actions.setStatus ? (
                        <TextField
                          select
                          size="small"
                          variant="standard"
                          slotProps={{ ...NATIVE_SELECT, htmlInput: { 'aria-label': t('needs.changeStatus', { title: need.title }) } }}
                          value={need.status}
                          onChange={(e) => void setStatus(need, e.target.value as NeedStatus)} // the options are NEED_STATUSES
                        >
                          {NEED_STATUSES.map((status) => (
                            <option key={status} value={status}>
                              {t(`need.statuses.${status}`)}
                            </option>
                          ))}
                        </TextField>
                      ) : (
                        t(`need.statuses.${need.status}`)
                      )}
                    </TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      <Typography variant="body2">{need.notedByName ?? ''}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {formatDay(localDay(need.notedAt), language)}
                      </Typography>
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {need.actions.edit ? (
                        <Tooltip title={t('common.edit')}>
                          <IconButton size="small" aria-label={`${t('common.edit')} ${need.title}`} onClick={() => setEditing(need)}>
                            <EditIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      ) : null}
                      {need.actions.delete ? (
                        <Tooltip title={t('common.delete')}>
                          <IconButton size="small" aria-label={`${t('common.delete')} ${need.title}`} onClick={() => void remove(need)}>
                            <DeleteIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {list.hasNextPage ? (
        <Box sx={{ textAlign: 'center', mt: 1 }}>
          <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Box>
      ) : null}
      {adding ? <NeedDialog customer={c} onClose={() => setAdding(false)} /> : null}
      {editing ? <NeedDialog customer={c} need={editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}

