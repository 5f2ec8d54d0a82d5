import { Alert, Box, Button, CircularProgress, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/api/audit.ts';
import { errorMessage } from '../../app/errors.ts';
import { useCoreQuery } from '../../app/query.ts';
import { formatDateTime, formatShortDateTime } from '../../i18n/format.ts';
import { auditChangeLine, type AuditFormat } from './audit-format.ts';

/** A collapsed entry's height; entries opened with "Show all" are measured. */
const ROW_ESTIMATE = 73;
const OVERSCAN = 8;

type Props = {
  entries: AuditEntry[];
  format: AuditFormat;
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  loadMore: () => void;
  /** Changes with the filters: a new list starts at the top. */
  resetKey: string;
};

/**
 * The audit log, virtualised: entries come from the core a page at a time as the end of the
 * loaded ones nears the view, and only those near the view are in the DOM.
 */
export function AuditTable({ entries, format, hasMore, loading, failed, loadMore, resetKey }: Props) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => containerRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    getItemKey: (index) => entries[index]?.id ?? index,
  });
  // Which entries are opened ("Show all"): kept here, since a row scrolled out of view is unmounted.
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpened((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    containerRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  useEffect(() => {
    if (hasMore && !loading && !failed && lastShown >= entries.length - OVERSCAN) loadMore();
  }, [hasMore, loading, failed, lastShown, entries.length, loadMore]);

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const spacer = (height: number) => (
    <TableRow aria-hidden>
      <TableCell colSpan={5} sx={{ height, p: 0, border: 0 }} />
    </TableRow>
  );

  return (
    // Its own scroll area, so the filters stay in view and only the entries near it are drawn.
    <TableContainer component={Paper} ref={containerRef} sx={{ maxHeight: '70vh', minHeight: 240, overflow: 'auto', overflowAnchor: 'none' }}>
      {/* Fixed layout: a long note can never squeeze Action or Entity to one character per line. */}
      <Table stickyHeader size="small" aria-label={t('audit.tableLabel')} sx={{ tableLayout: 'fixed', minWidth: 760 }}>
        <colgroup>
          <col style={{ width: 140 }} />
          <col style={{ width: 120 }} />
          <col style={{ width: 150 }} />
          <col style={{ width: 190 }} />
          <col />
        </colgroup>
        <TableHead>
          <TableRow>
            <TableCell>{t('audit.time')}</TableCell>
            <TableCell>{t('audit.user')}</TableCell>
            <TableCell>{t('audit.action')}</TableCell>
            <TableCell>{t('audit.entity')}</TableCell>
            <TableCell>{t('audit.changes')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {before > 0 ? spacer(before) : null}
          {items.map((item) => {
            const entry = entries[item.index];
            return entry ? <AuditRow key={entry.id} index={item.index} measure={virtualizer} entry={entry} format={format} open={opened.has(entry.id)} onToggle={() => toggle(entry.id)} /> : null;
          })}
          {after > 0 ? spacer(after) : null}
          <TableRow>
            <TableCell colSpan={5} sx={{ textAlign: 'center', color: 'text.secondary', borderBottom: 0 }}>
              {loading ? (
                <CircularProgress size={20} aria-label={t('common.loadingMore')} />
              ) : hasMore ? (
                <Button onClick={loadMore}>{t('common.loadMore')}</Button>
              ) : failed ? null : entries.length === 0 ? (
                t('audit.empty')
              ) : (
                t('common.endOfList')
              )}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Lines shown before "Show all", and the length of a line that is surely cut by the column. */
const COLLAPSED_LINES = 3;
const LONG_LINE = 80;

const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

type RowProps = { entry: AuditEntry; format: AuditFormat; index: number; measure: Virtualizer<HTMLDivElement, Element>; open: boolean; onToggle: () => void };

/**
 * One entry: each change on one line, cut with an ellipsis; "Show all" opens the whole entry
 * (fetched from the core when the list had cut its long texts short).
 */
function AuditRow({ entry, format, index, measure, open, onToggle }: RowProps) {
  const { t } = useTranslation();
  const whole = useCoreQuery('audit.entry', { id: entry.id }, { enabled: open && entry.truncated });
  const shown = open && whole.data ? whole.data : entry;
  const lines = shown.changes.map((change) => auditChangeLine(format, change, shown.changes));
  const expandable = entry.truncated || lines.length > COLLAPSED_LINES || lines.some((line) => line.length > LONG_LINE) || entry.label.length > 40;
  const userName = entry.username || t('audit.system');

  return (
    <TableRow data-audit-id={entry.id} data-index={index} ref={measure.measureElement} sx={{ verticalAlign: 'top' }}>
      <TableCell sx={{ whiteSpace: 'nowrap' }} title={formatDateTime(entry.at)}>
        {formatShortDateTime(entry.at)}
      </TableCell>
      <TableCell sx={oneLine} title={userName}>
        {userName}
      </TableCell>
      <TableCell>{t(`audit.actions.${entry.action}`)}</TableCell>
      <TableCell>
        {t(`audit.entities.${entry.entity}`)}
        {shown.label ? (
          <Typography component="span" variant="body2" title={shown.label} sx={open ? { display: 'block', overflowWrap: 'anywhere' } : { display: 'block', ...oneLine }}>
            {shown.label}
          </Typography>
        ) : null}
      </TableCell>
      <TableCell>
        <Box id={`audit-changes-${entry.id}`} sx={open ? { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 360, overflowY: 'auto' } : undefined}>
          {(open ? lines : lines.slice(0, COLLAPSED_LINES)).map((line, i) => (
            <Box key={i} sx={open ? { mb: 0.5 } : oneLine}>
              {line}
            </Box>
          ))}
        </Box>
        {open && whole.error ? <Alert severity="error">{errorMessage(t, whole.error)}</Alert> : null}
        {expandable ? (
          <Button size="small" sx={{ px: 0.5, minWidth: 0 }} aria-expanded={open} aria-controls={`audit-changes-${entry.id}`} onClick={onToggle}>
            {open ? t('audit.showLess') : t('audit.showAll')}
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
