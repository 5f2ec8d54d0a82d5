import { Alert, Box, Button, Chip, FormControlLabel, Link, Paper, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Competitor } from '../../../../shared/api/competitors.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { hrefOf } from '../../app/router.ts';
import { useCan } from '../../app/session.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { CompetitorDialog } from './CompetitorDialog.tsx';

/**
 * 竞争对手分析 / Competitor analysis: the competitors by how many of our VIP and key customers they
 * touch (each count opens the competitor's customers of that grade), then the register. Adding,
 * editing and retiring are offered to those who may (competitors.manage); the rest read.
 */
export function CompetitorsPage() {
  const { t } = useTranslation();
  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1100, mx: 'auto' }}>
      <Typography variant="h4" component="h1">
        {t('competitors.title')}
      </Typography>
      <ReachSection />
      <RegisterSection />
    </Stack>
  );
}

function ReachSection() {
  const { t } = useTranslation();
  const reach = useCoreQuery('competitors.reach', {});
  const rows = reach.data?.rows ?? [];
  const count = (competitorId: number, grade: 'vip' | 'key', n: number) =>
    n === 0 ? '0' : <Link href={hrefOf({ name: 'competitor', id: competitorId, query: `grade=${grade}` })}>{formatNumber(n)}</Link>;
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="competitor-reach-title" data-testid="competitor-reach">
      <Typography variant="h6" component="h2" id="competitor-reach-title">
        {t('competitors.reach.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {t('competitors.reach.intro')}
      </Typography>
      {reach.error ? <Alert severity="error">{errorMessage(t, reach.error)}</Alert> : null}
      {reach.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('competitors.reach.none')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('competitors.reach.title')} sx={{ tableLayout: 'fixed', minWidth: 600 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('competitor.name')}</TableCell>
                <TableCell sx={{ width: 130 }} align="right">
                  {t('customer.grades.vip')}
                </TableCell>
                <TableCell sx={{ width: 130 }} align="right">
                  {t('customer.grades.key')}
                </TableCell>
                <TableCell sx={{ width: 130 }} align="right">
                  {t('competitors.reach.total')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.competitorId} data-reach-id={row.competitorId}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'competitor', id: row.competitorId })}>{row.name}</Link>
                    {row.active ? null : <Chip size="small" sx={{ ml: 1 }} label={t('competitor.retired')} />}
                  </TableCell>
                  <TableCell align="right">{count(row.competitorId, 'vip', row.byGrade.vip)}</TableCell>
                  <TableCell align="right">{count(row.competitorId, 'key', row.byGrade.key)}</TableCell>
                  <TableCell align="right">{formatNumber(row.total)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
    </Paper>
  );
}

function RegisterSection() {
  const { t } = useTranslation();
  const canManage = useCan('competitors.manage');
  const notify = useNotify();
  const [showRetired, setShowRetired] = useState(false);
  const list = useCoreQuery('competitors.list', { includeRetired: showRetired });
  const setActive = useCoreMutation('competitors.setActive');
  const [editing, setEditing] = useState<Competitor | 'new' | null>(null);
  const rows = list.data?.rows ?? [];
  const toggle = (c: Competitor) =>
    setActive.mutate(
      { id: c.id, version: c.version, active: !c.active },
      {
        onSuccess: () => notify({ message: t(c.active ? 'competitors.retiredNotice' : 'competitors.reactivatedNotice', { name: c.name }) }),
        onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }),
      },
    );

  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="competitor-register-title" data-testid="competitor-register">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="competitor-register-title">
          {t('competitors.register')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <FormControlLabel control={<Switch checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />} label={t('competitors.showRetired')} />
        {canManage ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {t('competitors.add')}
          </Button>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      {list.isSuccess && rows.length === 0 ? <Typography color="text.secondary">{t('competitors.empty')}</Typography> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('competitors.register')} sx={{ tableLayout: 'fixed', minWidth: 760 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '22%' }}>{t('competitor.name')}</TableCell>
                <TableCell>{t('competitor.products')}</TableCell>
                <TableCell sx={{ width: 110 }}>{t('competitor.priceLevel')}</TableCell>
                <TableCell sx={{ width: 100 }} align="right">
                  {t('competitor.customerCount')}
                </TableCell>
                {canManage ? <TableCell sx={{ width: 170 }} /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id} data-competitor-id={c.id} sx={c.active ? undefined : { '& td': { color: 'text.disabled' } }}>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>
                    <Link href={hrefOf({ name: 'competitor', id: c.id })}>{c.name}</Link>
                    {c.active ? null : <Chip size="small" sx={{ ml: 1 }} label={t('competitor.retired')} />}
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{c.products}</TableCell>
                  <TableCell>{c.priceLevel ? t(`competitor.priceLevels.${c.priceLevel}`) : ''}</TableCell>
                  <TableCell align="right">{formatNumber(c.customerCount)}</TableCell>
                  {canManage ? (
                    <TableCell align="right">
                      {c.actions.edit ? (
                        <Button size="small" onClick={() => setEditing(c)}>
                          {t('common.edit')}
                        </Button>
                      ) : null}
                      {c.actions.retire || c.actions.reactivate ? (
                        <Button size="small" onClick={() => toggle(c)} disabled={setActive.isPending}>
                          {c.active ? t('competitors.retire') : t('competitors.reactivate')}
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
      {editing !== null ? <CompetitorDialog competitor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}
