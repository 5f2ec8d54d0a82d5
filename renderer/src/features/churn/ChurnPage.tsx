import { Alert, Box, Button, Card, CardContent, Link, Stack, TextField, Tooltip, Typography } from '@mui/material';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHURN_RULES, type ChurnReason, type ChurnRow } from '../../../../shared/api/churn.ts';
import { errorMessage } from '../../app/errors.ts';
import { listMemory, useListQuery } from '../../app/list-address.ts';
import { LoadMoreFooter } from '../../app/LoadMoreFooter.tsx';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatMoney } from '../contracts/money.ts';
import { GradeChip } from '../customers/CustomerChips.tsx';
import { useUsers } from '../customers/use-users.ts';
import { DrillChips } from '../performance/DrillChips.tsx';
import { namesOf, ownerDrillChips, withoutChip } from '../performance/drill-chips.ts';
import { churnSentence } from './churn-sentences.ts';
import { formatChurnQuery, parseChurnQuery, type ChurnFilters } from './churn-query.ts';
import { DismissDialog } from './DismissDialog.tsx';
import { useChurnList } from './use-churn-list.ts';

const PAGE_SIZE = 50;
const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const remembered = listMemory((query) => ({ name: 'churn', query }));

/** Churn warnings (流失预警): customers at risk, most valuable first, each reason a sentence. */
export function ChurnPage({ search }: { search?: string }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useListQuery<ChurnFilters>(remembered, search, parseChurnQuery, formatChurnQuery);
  const users = useUsers();
  const list = useChurnList({ limit: PAGE_SIZE, ...(filters.rule ? { rule: filters.rule } : {}), ...(filters.ownerId !== undefined ? { ownerId: filters.ownerId } : {}) });
  const [dismissing, setDismissing] = useState<{ row: ChurnRow; reason: ChurnReason } | null>(null);
  const lng = currentLanguage();
  const first = list.first;
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('churn.title')}
      </Typography>
      <Typography color="text.secondary">{t('churn.intro')}</Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          slotProps={NATIVE_SELECT}
          sx={{ width: 300 }}
          label={t('churn.rule')}
          value={filters.rule ?? ''}
          onChange={(e) => setFilters((current) => ({ ...(current.ownerId !== undefined ? { ownerId: current.ownerId } : {}), ...parseChurnQuery(e.target.value ? `rule=${e.target.value}` : '') }))}
        >
          <option value="">{t('churn.anyRule')}</option>
          {CHURN_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {t(`churn.rules.${rule}`)}
            </option>
          ))}
        </TextField>
        <DrillChips chips={ownerDrillChips(t, filters, namesOf(users))} onClear={(chip) => setFilters((current) => withoutChip(current, chip))} />
        {first ? (
          <Typography variant="body2" data-testid="churn-total">
            {t('churn.total', { count: first.total, formatted: formatNumber(first.total), value: formatMoney(first.totalValueMinor, first.currency, lng) })}
          </Typography>
        ) : null}
      </Stack>
      {list.error ? <Alert severity="error">{errorMessage(t, list.error)}</Alert> : null}
      <Stack spacing={1} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('churn.tableLabel')}>
        {list.rows.map((row) => (
          <WarningCard key={row.customerId} row={row} onDismiss={(reason) => setDismissing({ row, reason })} />
        ))}
      </Stack>
      <LoadMoreFooter list={list} shown={list.rows.length} emptyText={filters.rule ? t('churn.emptyFiltered') : t('churn.empty')} />
      {dismissing ? <DismissDialog row={dismissing.row} reason={dismissing.reason} onClose={() => setDismissing(null)} /> : null}
    </Stack>
  );
}

/** One customer at risk: who, what is at stake, each reason in a sentence (dismissable one by one), and what to do. */
function WarningCard({ row, onDismiss }: { row: ChurnRow; onDismiss: (reason: ChurnReason) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <Card component="li" variant="outlined" data-customer-id={row.customerId}>
      <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap', '&:last-child': { pb: 2 } }}>
        <Box sx={{ flex: '1 1 420px', minWidth: 0 }}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Link href={hrefOf({ name: 'customer', id: row.customerId })} underline="hover" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
              {row.customerName}
            </Link>
            <GradeChip grade={row.grade} />
            <Typography variant="body2" color="text.secondary">
              {row.customerCode}
              {row.ownerName ? ` · ${t('churn.ownedBy', { name: row.ownerName })}` : ''}
            </Typography>
          </Stack>
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
            {row.reasons.map((reason) => (
              <Box component="li" key={reason.rule} data-rule={reason.rule} sx={{ overflowWrap: 'anywhere' }}>
                <Typography variant="body2" component="span">
                  {churnSentence(t, reason, lng)}
                </Typography>
                {row.actions.dismiss ? (
                  <Button size="small" sx={{ ml: 1, py: 0, minWidth: 0 }} aria-label={t('churn.dismissLabel', { name: row.customerName, rule: t(`churn.rules.${reason.rule}`) })} onClick={() => onDismiss(reason)}>
                    {t('churn.dismiss')}
                  </Button>
                ) : null}
              </Box>
            ))}
          </Box>
        </Box>
        <Stack spacing={1} sx={{ alignItems: 'flex-end', flex: '0 0 auto', ml: 'auto' }}>
          <Tooltip title={t('churn.valueTip')}>
            <Typography variant="h6" component="p" data-testid="churn-value">
              {row.valueMinor > 0 ? formatMoney(row.valueMinor, row.currency, lng) : t('churn.noValue')}
            </Typography>
          </Tooltip>
          <Stack direction="row" spacing={1}>
            {row.actions.planVisit ? (
              <Button size="small" variant="outlined" startIcon={<DirectionsWalkIcon />} aria-label={t('churn.planVisitLabel', { name: row.customerName })} onClick={() => navigate({ name: 'visitNew', customerId: row.customerId })}>
                {t('churn.planVisit')}
              </Button>
            ) : null}
            <Button size="small" aria-label={t('churn.openCustomerLabel', { name: row.customerName })} href={hrefOf({ name: 'customer', id: row.customerId })}>
              {t('churn.openCustomer')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
