import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { columnLetter } from './import-format.ts';

type Props = {
  headerRow: number;
  headers: readonly string[];
  sample: readonly { row: number; cells: readonly string[] }[];
};

const CELL = { maxWidth: 240, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/**
 * The first rows as the chosen encoding reads them (garbled text shows at once), under the header.
 * Wide files scroll inside the table, never the page.
 */
export function SheetPreview({ headerRow, headers, sample }: Props) {
  const { t } = useTranslation();
  const width = Math.max(headers.length, ...sample.map((row) => row.cells.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  return (
    <TableContainer sx={{ maxHeight: 360, maxWidth: '100%', overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label={t('imports.encoding.previewTable')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 56 }}>{t('imports.encoding.row')}</TableCell>
            {columns.map((i) => (
              <TableCell key={i} sx={CELL}>
                {columnLetter(i)}
              </TableCell>
            ))}
          </TableRow>
          <TableRow>
            <TableCell sx={{ top: 37 }}>{headerRow}</TableCell>
            {columns.map((i) => (
              <TableCell key={i} sx={{ ...CELL, top: 37, fontWeight: 600 }} title={headers[i] ?? ''}>
                {headers[i] ?? ''}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {sample.map((line) => (
            <TableRow key={line.row}>
              <TableCell>{line.row}</TableCell>
              {columns.map((i) => (
                <TableCell key={i} sx={CELL} title={line.cells[i] ?? ''}>
                  {line.cells[i] ?? ''}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
