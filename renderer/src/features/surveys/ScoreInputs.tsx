import { Box, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dimensionLabel } from './dimension-label.ts';
import { SCORE_TEXT, type SurveyProblems } from './survey-values.ts';

export type AskedDimension = { id: number; key: string; name: string };

type Props = {
  dimensions: readonly AskedDimension[];
  scores: Record<number, string>;
  onScore: (id: number, text: string) => void;
  problems: SurveyProblems;
  /** Ref of the i-th field, for moving on with the keyboard. */
  fieldRef: (index: number) => (el: HTMLElement | null) => void;
  /** Moves focus past the i-th field. */
  advance: (index: number) => void;
  autoFocus?: boolean;
};

const SCORES = ['1', '2', '3', '4', '5'] as const;

/**
 * One line per dimension: a one-digit field (typing 1–5 fills it and moves on, so a whole survey is
 * typed as "4 5 3 4"), and the five buttons for the mouse (left out of the Tab order: the field
 * already takes the digit). Any other digit stays in the field and is refused in words.
 */
export function ScoreInputs({ dimensions, scores, onScore, problems, fieldRef, advance, autoFocus = false }: Props) {
  const { t } = useTranslation();
  const onKey = (index: number, id: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return; // Ctrl+Enter saves (the form's own key)
    if (/^\d$/.test(e.key)) {
      e.preventDefault();
      onScore(id, e.key);
      if (SCORE_TEXT.test(e.key)) advance(index);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      advance(index);
    }
  };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto auto', columnGap: 2, rowGap: 1, alignItems: 'start' }}>
      {dimensions.map((d, index) => {
        const label = dimensionLabel(t, d);
        const value = scores[d.id] ?? '';
        const problem = problems[`score.${d.id}`];
        const inputId = `survey-score-${d.id}`;
        return (
          <Box key={d.id} sx={{ display: 'contents' }} data-dimension-key={d.key}>
            <Typography component="label" htmlFor={inputId} sx={{ pt: 1, overflowWrap: 'anywhere' }}>
              {label}
            </Typography>
            <TextField
              id={inputId}
              size="small"
              value={value}
              autoFocus={autoFocus && index === 0}
              inputRef={fieldRef(index)}
              onChange={(e) => onScore(d.id, e.target.value.trim().slice(-1))}
              onKeyDown={onKey(index, d.id)}
              error={problem !== undefined}
              helperText={problem ? t(problem) : undefined}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 2, 'aria-label': label, style: { textAlign: 'center' } } }}
              sx={{ width: problem ? 170 : 64 }}
            />
            <ToggleButtonGroup
              exclusive
              size="small"
              value={value}
              onChange={(_e, next: string | null) => onScore(d.id, next ?? '')}
              aria-label={label} // the field before it takes the digit; these are for the mouse (out of the Tab order)
            >
              {SCORES.map((s) => (
                <ToggleButton key={s} value={s} tabIndex={-1} sx={{ width: 40 }} color={s <= '2' ? 'warning' : 'primary'}>
                  {s}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        );
      })}
    </Box>
  );
}
