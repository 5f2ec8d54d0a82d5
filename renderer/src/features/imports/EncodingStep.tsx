import { Alert, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { IMPORT_MAX_HEADER_ROW, TEXT_ENCODINGS, type ImportInspection, type TextEncoding } from '../../../../shared/api/imports.ts';
import { SheetPreview } from './SheetPreview.tsx';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;

type Props = {
  inspection: ImportInspection;
  /** The header row chosen (the detected one until changed) and the rows the page shows for it. */
  headerRow: number;
  /** The row the core found the header on (null: not known yet). */
  detectedHeaderRow: number | null;
  headers: readonly string[];
  sample: ImportInspection['sample'];
  busy: boolean;
  problem: string | null;
  onEncoding: (encoding: TextEncoding) => void;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
};

/** Step 2: the encoding the file is read in (detected, or the user's), the workbook's sheet, the header row. */
export function EncodingStep({ inspection, headerRow, detectedHeaderRow, headers, sample, busy, problem, onEncoding, onSheet, onHeaderRow }: Props) {
  const { t } = useTranslation();
  const text = inspection.format === 'csv';
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {text ? (
          <TextField
            select
            size="small"
            slotProps={NATIVE_SELECT}
            sx={{ width: 260 }}
            label={t('imports.encoding.encoding')}
            value={inspection.encoding ?? ''}
            disabled={busy}
            onChange={(event) => {
              const chosen = TEXT_ENCODINGS.find((encoding) => encoding === event.target.value);
              if (chosen) onEncoding(chosen);
            }}
            helperText={inspection.detectedEncoding ? t('imports.encoding.detected', { encoding: t(`imports.encodings.${inspection.detectedEncoding}`) }) : undefined}
          >
            {TEXT_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {t(`imports.encodings.${encoding}`)}
              </option>
            ))}
          </TextField>
        ) : null}
        {inspection.sheets.length > 0 ? (
          <TextField
            select
            size="small"
            slotProps={NATIVE_SELECT}
            sx={{ width: 260 }}
            label={t('imports.encoding.sheet')}
            value={inspection.sheet ?? ''}
            disabled={busy}
            onChange={(event) => onSheet(event.target.value)}
          >
            {inspection.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.hidden ? t('imports.encoding.hiddenSheet', { name: sheet.name }) : sheet.name}
              </option>
            ))}
          </TextField>
        ) : null}
        <TextField
          size="small"
          type="number"
          sx={{ width: 160 }}
          label={t('imports.encoding.headerRow')}
          value={headerRow}
          slotProps={{ htmlInput: { min: 1, max: IMPORT_MAX_HEADER_ROW, step: 1 }, inputLabel: { shrink: true } }}
          onChange={(event) => {
            const row = Number(event.target.value);
            if (Number.isInteger(row) && row >= 1 && row <= IMPORT_MAX_HEADER_ROW) onHeaderRow(row);
          }}
          helperText={headerRow === detectedHeaderRow ? t('imports.encoding.headerDetected') : undefined}
        />
      </Stack>
      {text ? <Typography color="text.secondary">{t('imports.encoding.hint')}</Typography> : null}
      {busy ? <LinearProgress aria-label={t('imports.file.reading')} /> : null}
      {problem !== null ? (
        <Alert severity="error" data-testid="import-encoding-problem">
          {problem}
        </Alert>
      ) : (
        <SheetPreview headerRow={headerRow} headers={headers} sample={sample} />
      )}
    </Stack>
  );
}
