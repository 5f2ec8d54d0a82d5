import { Autocomplete, Box, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueItem } from '../../../../shared/api/sales.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { amountInputText, formatMoney } from '../contracts/money.ts';
import { blankLine, lineDraft, type LineProblem, type LineValues } from './sale-draft.ts';

type Props = {
  lines: LineValues[];
  currency: string;
  catalogue: readonly CatalogueItem[];
  /** Problems per line (by its key) and field, in words. */
  problems: Record<number, LineProblem>;
  onChange: (lines: LineValues[]) => void;
};

const MAX_OPTIONS = 30;

/**
 * The sale's lines, one row each: a name picked from the catalogue (or typed freely), quantity, unit
 * price, discount and the line's amount as the core will compute it. Enter in the last line adds a
 * line and moves to its name, so a counter sale is typed without the mouse.
 */
export function SaleLinesEditor({ lines, currency, catalogue, problems, onChange }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const names = useRef(new Map<number, HTMLInputElement>());
  const pendingFocus = useRef<number | null>(null);
  const change = (key: number, patch: Partial<LineValues>) => onChange(lines.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const remove = (key: number) => onChange(lines.length > 1 ? lines.filter((line) => line.key !== key) : [blankLine()]);
  const pick = (key: number, item: CatalogueItem) =>
    // The item's price only when it is in the sale's currency: a price is never converted.
    change(key, { itemId: item.id, name: item.name, ...(item.currency === currency ? { unitPrice: amountInputText(item.priceMinor, currency) } : {}) });
  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.nativeEvent.isComposing) return;
    if (index !== lines.length - 1) return;
    e.preventDefault();
    const line = blankLine();
    pendingFocus.current = line.key;
    onChange([...lines, line]);
  };
  const nameRef = (key: number) => (element: HTMLInputElement | null) => {
    if (element) {
      names.current.set(key, element);
      if (pendingFocus.current === key) {
        pendingFocus.current = null;
        element.focus();
      }
    } else names.current.delete(key);
  };
  // A space keeps the rows aligned whether or not a field has a problem.
  const helper = (problem: string | undefined) => problem ?? ' ';

  return (
    <Stack spacing={1} role="group" aria-label={t('sale.lines')}>
      {lines.map((line, index) => {
        const parsed = lineDraft(line, currency);
        const amount = 'line' in parsed ? parsed.amount : null;
        const problem = problems[line.key] ?? {};
        const keyDown = onKeyDown(index);
        return (
          <Stack key={line.key} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-sale-line={index}>
            <Autocomplete
              freeSolo
              sx={{ flex: 1, minWidth: 200 }}
              size="small"
              options={catalogue}
              getOptionLabel={(o) => (typeof o === 'string' ? o : o.name)}
              filterOptions={(options, state) => {
                const q = state.inputValue.trim().toLowerCase();
                return (q === '' ? options : options.filter((o) => o.name.toLowerCase().includes(q))).slice(0, MAX_OPTIONS);
              }}
              renderOption={({ key, ...props }, o) => (
                <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1 }}>
                  <Typography sx={{ flex: 1, overflowWrap: 'anywhere' }}>{o.name}</Typography>
                  <Typography color="text.secondary">
                    {formatMoney(o.priceMinor, o.currency, language)}
                    {o.unit ? ` / ${o.unit}` : ''}
                  </Typography>
                </Box>
              )}
              inputValue={line.name}
              value={null}
              onInputChange={(_e, value, reason) => {
                // Picking an option sets the name through onChange (with the price); typing unlinks the item.
                if (reason === 'input' || reason === 'clear') change(line.key, { name: value, itemId: null });
              }}
              onChange={(_e, value) => {
                if (value && typeof value !== 'string') pick(line.key, value);
              }}
              renderInput={(params) => (
                <TextField
                  {...params}
                  inputRef={nameRef(line.key)}
                  label={t('sale.line.name')}
                  error={problem.name !== undefined}
                  helperText={helper(problem.name)}
                  onKeyDown={(e) => {
                    // With the catalogue's list open Enter picks an option (MUI's own handling).
                    if (e.currentTarget.querySelector('input')?.getAttribute('aria-expanded') !== 'true') keyDown(e);
                  }}
                />
              )}
            />
            <TextField
              size="small"
              sx={{ width: 96 }}
              label={t('sale.line.quantity')}
              value={line.quantity}
              onChange={(e) => change(line.key, { quantity: e.target.value })}
              onKeyDown={keyDown}
              error={problem.quantity !== undefined}
              helperText={helper(problem.quantity)}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
            <TextField
              size="small"
              sx={{ width: 128 }}
              label={t('sale.line.unitPrice')}
              value={line.unitPrice}
              onChange={(e) => change(line.key, { unitPrice: e.target.value })}
              onKeyDown={keyDown}
              error={problem.unitPrice !== undefined}
              helperText={helper(problem.unitPrice)}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
            <TextField
              size="small"
              sx={{ width: 110 }}
              label={t('sale.line.discount')}
              value={line.discount}
              onChange={(e) => change(line.key, { discount: e.target.value })}
              onKeyDown={keyDown}
              error={problem.discount !== undefined}
              helperText={helper(problem.discount)}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
            <Typography sx={{ width: 130, textAlign: 'right', pt: 1, fontVariantNumeric: 'tabular-nums' }} aria-label={t('sale.line.amount')} data-line-amount={amount ?? ''}>
              {amount === null ? '—' : formatMoney(amount, currency, language)}
            </Typography>
            <Tooltip title={t('saleForm.removeLine')}>
              <IconButton aria-label={t('saleForm.removeLineN', { n: index + 1 })} onClick={() => remove(line.key)}>
                <DeleteIcon />
              </IconButton>
            </Tooltip>
          </Stack>
        );
      })}
    </Stack>
  );
}
