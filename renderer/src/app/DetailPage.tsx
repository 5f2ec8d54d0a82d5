import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors.ts';
import { errorMessage } from './errors.ts';

/** What a detail page reads of its query (useCoreQuery's result). */
type Loaded<T> = { isPending: true } | { isPending: false; isError: true; error: AppError } | { isPending: false; isError: false; data: T };

/**
 * A detail page's loading and not-found states (records, visits, contracts): a spinner while the
 * core answers, its refusal (gone, not allowed) with a way back, else the page for what it sent.
 */
export function DetailQuery<T>({ query, backText, onBack, children }: { query: Loaded<T>; backText: string; onBack: () => void; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
        <CircularProgress aria-label={t('app.loading')} />
      </Box>
    );
  }
  if (query.isError) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" onClick={onBack}>
            {backText}
          </Button>
        }
      >
        {errorMessage(t, query.error)}
      </Alert>
    );
  }
  return children(query.data);
}

type HeaderProps = {
  /** The way(s) back, above everything. */
  back: ReactNode;
  /** Said above the title (in the recycle bin), or null. */
  notice: ReactNode;
  title: string;
  /** Beside the actions, before them: status, date, number. */
  meta: ReactNode;
  /** The buttons the core allows this caller; kept together, wrapping as a group on narrow windows. */
  actions: ReactNode;
};

/** The top of a detail page; children of the page's Stack, so its spacing applies. */
export function DetailHeader({ back, notice, title, meta, actions }: HeaderProps) {
  return (
    <>
      {back}
      {notice}
      <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
        {title}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        {meta}
        <Box sx={{ flex: 1 }} />
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap' }} useFlexGap>
          {actions}
        </Stack>
      </Stack>
    </>
  );
}

/** The grid of a detail page's terms (a `dl`). */
export const DETAIL_DL_SX = { display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', m: 0 } as const;

/** A term and its value; empty values show a dash so the layout stays stable. */
export function DetailField({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const empty = children === '' || children === null || children === undefined;
  return (
    <Box sx={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {empty ? '—' : children}
      </Typography>
    </Box>
  );
}
