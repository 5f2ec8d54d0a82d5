// The stories list (#/stories): every success story the caller sees, newest first, searched by
// title or customer and filtered by consent; each opens its customer or prints its case sheet.
import { Alert, Box, Button, IconButton, Link, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMED_CONSENTS, type NamedConsent, type StoryPage } from '../../../../shared/api/stories.ts';
import { errorMessage } from '../../app/errors.ts';
import { hrefOf } from '../../app/router.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { useKeysetQuery } from '../records/use-keyset.ts';
import { ConsentChip } from './ConsentChip.tsx';

const rowsOf = (page: StoryPage) => page.rows;

export function StoriesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [consent, setConsent] = useState<NamedConsent | ''>('');
  const words = useDeferredValue(q.trim());
  const list = useKeysetQuery('stories.list', { deleted: false, limit: 50, ...(words ? { q: words } : {}), ...(consent ? { namedConsent: consent } : {}) }, rowsOf);
  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        {t('stories.title')}
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField size="small" label={t('stories.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ minWidth: 280 }} />
        <TextField select size="small" label={t('stories.fields.namedConsent')} value={consent} onChange={(e) => setConsent(e.target.value as NamedConsent | '')} sx={{ minWidth: 220 }}>
          <MenuItem value="">{t('stories.anyConsent')}</MenuItem>
          {NAMED_CONSENTS.map((c) => (
            <MenuItem key={c} value={c}>
              {t(`stories.consent.${c}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <Paper>
        {list.isSuccess && list.rows.length === 0 ? <Typography sx={{ p: 2 }} color="text.secondary">{t('stories.noneAll')}</Typography> : null}
        {list.rows.length > 0 ? (
          <TableContainer>
            <Table size="small" aria-label={t('stories.title')} sx={{ tableLayout: 'fixed', minWidth: 900 }}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 130 }}>{t('stories.fields.storyOn')}</TableCell>
                  <TableCell>{t('stories.fields.title')}</TableCell>
                  <TableCell sx={{ width: '26%' }}>{t('stories.customer')}</TableCell>
                  <TableCell sx={{ width: '22%' }}>{t('stories.figures')}</TableCell>
                  <TableCell sx={{ width: 140 }}>{t('stories.fields.namedConsent')}</TableCell>
                  <TableCell sx={{ width: 60 }} />
                </TableRow>
              </TableHead>
              <TableBody>
                {list.rows.map((row) => (
                  <TableRow key={row.id} data-story-id={row.id}>
                    <TableCell>{formatCalendarDate(row.storyOn)}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.title}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      <Link href={hrefOf({ name: 'customer', id: row.customerId })}>{row.customerName}</Link>
                    </TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.resultFigures.map((f) => `${f.label} ${f.value}`).join(' · ')}</TableCell>
                    <TableCell>
                      <ConsentChip consent={row.namedConsent} />
                    </TableCell>
                    <TableCell align="right">
                      {row.actions.print ? (
                        <Tooltip title={t('stories.print')}>
                          <IconButton size="small" href={hrefOf({ name: 'printStory', id: row.id })} aria-label={t('stories.printOf', { title: row.title })}>
                            <PrintIcon fontSize="small" />
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
          <Box sx={{ textAlign: 'center', p: 1 }}>
            <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Box>
        ) : null}
      </Paper>
    </Stack>
  );
}
