import { Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../../../../shared/api/imports.ts';
import { formatNumber } from '../../i18n/format.ts';
import { rowErrorText } from './import-format.ts';

const PAGE = 50;
const VALUE = { maxWidth: 320, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/**
 * The row errors by row number and field with the cell's value, a page at a time (the core gives
 * the first 1,000); how many more there were is said in words.
 */
export function RowErrors({ errors, errorCount }: { errors: readonly ImportRowError[]; errorCount: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  if (errorCount === 0) return null;
  const shown = errors.slice(page * PAGE, page * PAGE + PAGE);
  return (
    <>
      <TableContainer sx={{ maxHeight: 320, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader aria-label={t('imports.errors.title')} data-testid="import-errors">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 80 }}>{t('imports.errors.row')}</TableCell>
              <TableCell sx={{ width: 160 }}>{t('imports.errors.field')}</TableCell>
              <TableCell>{t('imports.errors.problem')}</TableCell>
              <TableCell>{t('imports.errors.value')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((error, i) => (
              <TableRow key={`${error.row}-${error.field}-${i}`}>
                <TableCell>{error.row}</TableCell>
                <TableCell>{error.field === '' ? t('imports.errors.wholeRow') : t(`imports.fields.${error.field}`)}</TableCell>
                <TableCell>{rowErrorText(t, error.code)}</TableCell>
                <TableCell sx={VALUE} title={error.value}>
                  {error.value}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {errors.length > PAGE ? (
        <TablePagination
          component="div"
          count={errors.length}
          page={page}
          rowsPerPage={PAGE}
          rowsPerPageOptions={[PAGE]}
          onPageChange={(_, next) => setPage(next)}
          labelDisplayedRows={({ from, to, count }) => t('imports.errors.pageOf', { from: formatNumber(from), to: formatNumber(to), count: formatNumber(count) })}
        />
      ) : null}
      {errorCount > errors.length ? (
        <Typography color="text.secondary" data-testid="import-errors-more">
          {t('imports.errors.more', { count: errorCount - errors.length, formatted: formatNumber(errorCount - errors.length), shown: formatNumber(errors.length) })}
        </Typography>
      ) : null}
    </>
  );
}
