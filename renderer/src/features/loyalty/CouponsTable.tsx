import { Alert, Box, Button, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coupon } from '../../../../shared/api/loyalty.ts';
import { errorMessage } from '../../app/errors.ts';
import { useNotify } from '../../app/notify.tsx';
import { useCoreMutation, useCoreQuery } from '../../app/query.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { formatDay } from '../contracts/money.ts';
import { VoidCouponDialog } from './LoyaltyDialogs.tsx';

const STATUS_COLOR = { open: 'success', used: 'default', void: 'default' } as const;

/** The customer's coupons (优惠券), newest first: use an open one, or void it (its points come back). */
export function CouponsTable({ customerId, live }: { customerId: number; live: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const notify = useNotify();
  const coupons = useCoreQuery('loyalty.coupons', { customerId });
  const use = useCoreMutation('loyalty.useCoupon');
  const [voiding, setVoiding] = useState<Coupon | null>(null);
  const rows = coupons.data?.rows ?? [];
  if (coupons.isSuccess && rows.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="loyalty-coupons-title">
      <Typography variant="subtitle1" component="h3" id="loyalty-coupons-title" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t('customerLoyalty.coupons')}
      </Typography>
      {coupons.error ? <Alert severity="error">{errorMessage(t, coupons.error)}</Alert> : null}
      {rows.length > 0 ? (
        <TableContainer>
          <Table size="small" aria-label={t('customerLoyalty.coupons')} sx={{ tableLayout: 'fixed', minWidth: 780 }} data-testid="loyalty-coupons">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 130 }}>{t('customerLoyalty.columns.code')}</TableCell>
                <TableCell>{t('customerLoyalty.columns.reward')}</TableCell>
                <TableCell sx={{ width: 90 }} align="right">
                  {t('customerLoyalty.columns.points')}
                </TableCell>
                <TableCell sx={{ width: 110 }}>{t('customerLoyalty.columns.issued')}</TableCell>
                <TableCell sx={{ width: 180 }}>{t('customerLoyalty.columns.status')}</TableCell>
                <TableCell sx={{ width: 170 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((coupon) => (
                <TableRow key={coupon.id} data-coupon-id={coupon.id} data-status={coupon.status}>
                  <TableCell sx={{ fontFamily: 'monospace', fontWeight: 600 }}>{coupon.code}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{coupon.rewardName}</TableCell>
                  <TableCell align="right">{formatNumber(coupon.points)}</TableCell>
                  <TableCell>{formatDay(coupon.issuedOn, language)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      variant="outlined"
                      color={STATUS_COLOR[coupon.status]}
                      label={coupon.status === 'used' && coupon.usedOn ? t('customerLoyalty.usedOn', { date: formatDay(coupon.usedOn, language) }) : t(`customerLoyalty.couponStatus.${coupon.status}`)}
                    />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {live && coupon.actions.use ? (
                      <Button
                        size="small"
                        disabled={use.isPending}
                        onClick={() =>
                          use.mutate(
                            { couponId: coupon.id },
                            { onSuccess: () => notify({ message: t('customerLoyalty.couponUsed', { code: coupon.code }) }), onError: (error) => notify({ message: errorMessage(t, error), severity: 'error' }) },
                          )
                        }
                      >
                        {t('customerLoyalty.useCoupon')}
                      </Button>
                    ) : null}
                    {live && coupon.actions.void ? (
                      <Button size="small" color="error" onClick={() => setVoiding(coupon)}>
                        {t('customerLoyalty.voidCoupon')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {voiding ? <VoidCouponDialog coupon={voiding} onClose={() => setVoiding(null)} /> : null}
    </Box>
  );
}
