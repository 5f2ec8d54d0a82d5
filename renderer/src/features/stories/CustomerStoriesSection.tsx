// On a customer's page: their success stories, newest first, with add / edit / delete as the core
// allows (each row's actions) and the case sheet to print.
import { Alert, Box, Button, IconButton, Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/Edit';
import PrintIcon from '@mui/icons-material/Print';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../../shared/api/customers.ts';
import type { Story, StoryPage, StoryRow } from '../../../../shared/api/stories.ts';
import { localDay } from '../../../../shared/contract-status.ts';
import type { AppFailure } from '../../../../shared/errors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { call, dataChanged } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatCalendarDate } from '../../i18n/format.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { ConsentChip } from './ConsentChip.tsx';
import { StoryDialog } from './StoryDialog.tsx';

const PAGE_SIZE = 10;
const rowsOf = (page: StoryPage) => page.rows;

export function CustomerStoriesSection({ customer: c }: { customer: Pick<Customer, 'id' | 'name'> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const canWrite = useCan('customers.write');
  const list = useKeysetQuery('stories.list', { customerId: c.id, deleted: false, limit: PAGE_SIZE }, rowsOf);
  const [editing, setEditing] = useState<Story | 'new' | null>(null);

  const edit = (row: StoryRow) => call('stories.get', { id: row.id }).then(setEditing, (e: AppFailure) => notify({ message: errorMessage(t, e), severity: 'error' }));
  const remove = async (row: StoryRow) => {
    try {
      await call('stories.delete', { id: row.id, version: row.version });
      dataChanged();
      notify({ message: t('stories.deleted', { title: row.title }), severity: 'success' });
    } catch (e) {
      notify({ message: errorMessage(t, e as AppFailure), severity: 'error' }); // call() throws AppFailure
    }
  };

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="customer-stories-title" data-testid="customer-stories">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" id="customer-stories-title" sx={{ flex: 1 }}>
          {t('stories.sectionTitle')}
        </Typography>
        {canWrite ? <Button onClick={() => setEditing('new')}>{t('stories.add')}</Button> : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && list.rows.length === 0 ? <Typography color="text.secondary">{t('stories.none')}</Typography> : null}
      {list.rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('stories.sectionTitle')} sx={{ tableLayout: 'fixed', minWidth: 560 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 130 }}>{t('stories.fields.storyOn')}</TableCell>
                <TableCell>{t('stories.fields.title')}</TableCell>
                <TableCell sx={{ width: 150 }}>{t('stories.fields.namedConsent')}</TableCell>
                <TableCell sx={{ width: 140 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.rows.map((row) => (
                <TableRow key={row.id} data-story-id={row.id}>
                  <TableCell>{formatCalendarDate(row.storyOn)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.title}</TableCell>
                  <TableCell>
                    <ConsentChip consent={row.namedConsent} />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {row.actions.print ? (
                      <Tooltip title={t('stories.print')}>
                        <IconButton size="small" href={hrefOf({ name: 'printStory', id: row.id })} aria-label={t('stories.printOf', { title: row.title })}>
                          <PrintIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    ) : null}
                    {row.actions.edit ? (
                      <Tooltip title={t('stories.edit')}>
                        <IconButton size="small" onClick={() => void edit(row)} aria-label={t('stories.editOf', { title: row.title })}>
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    ) : null}
                    {row.actions.delete ? (
                      <Tooltip title={t('stories.delete')}>
                        <IconButton size="small" onClick={() => void remove(row)} aria-label={t('stories.deleteOf', { title: row.title })}>
                          <DeleteOutlineIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
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
      <Box sx={{ mt: 1 }}>
        <Link href={hrefOf({ name: 'stories' })}>{t('stories.allStories')}</Link>
      </Box>
      {editing ? <StoryDialog customer={c} story={editing === 'new' ? null : editing} today={localDay(Date.now())} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}
