import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/Verified';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEntry } from '../../../../shared/api/audit.ts';
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { formatDateTime, formatNumber, formatShortDateTime } from '../../i18n/format.ts';
import { useUsers } from '../customers/use-users.ts';
import { auditChangeLine, type AuditFormat } from './audit-format.ts';

const NATIVE_SELECT = { select: { native: true }, inputLabel: { shrink: true } } as const;
const PAGE_SIZE = 100;

type Filters = { userId: string; action: string; entity: string; from: string; to: string };
const NO_FILTERS: Filters = { userId: '', action: '', entity: '', from: '', to: '' };
type Verified = MethodOutput<'audit.verify'>;

/** Local calendar day `YYYY-MM-DD` → the first or last millisecond of that day. */
function dayBound(day: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]; // three parts, checked above
  return end ? new Date(y, m - 1, d, 23, 59, 59, 999).getTime() : new Date(y, m - 1, d).getTime();
}

function toInput(filters: Filters): MethodInput<'audit.export'> {
  return {
    ...(filters.userId ? { userId: Number(filters.userId) } : {}),
    ...(filters.action ? { action: filters.action as AuditEntry['action'] } : {}), // options are AUDIT_ACTIONS
    ...(filters.entity ? { entity: filters.entity as AuditEntry['entity'] } : {}), // options are AUDIT_ENTITIES
    ...(dayBound(filters.from, false) !== undefined ? { from: dayBound(filters.from, false) } : {}),
    ...(dayBound(filters.to, true) !== undefined ? { to: dayBound(filters.to, true) } : {}),
  };
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}


/** Settings → Audit log (owner): every change, sign-in, export..., filterable, verifiable, exportable. */
export function AuditTab() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<Verified | null>(null);
  const [exporting, setExporting] = useState(false);
  const generation = useRef(0);

  const fetchPage = useCallback(async (current: Filters, cursor: string | null) => {
    const mine = cursor === null ? ++generation.current : generation.current;
    setLoading(true);
    setError(null);
    const result = await invoke('audit.list', { ...toInput(current), cursor, limit: PAGE_SIZE });
    if (mine !== generation.current) return; // the filters changed meanwhile
    setLoading(false);
    if (!result.ok) {
      logError(result.error);
      setError(result.error);
      return;
    }
    setRows((prev) => (cursor === null ? result.value.rows : [...prev, ...result.value.rows]));
    setNextCursor(result.value.nextCursor);
  }, []);

  useEffect(() => {
    void fetchPage(filters, null);
  }, [fetchPage, filters]);

  const setFilter = (key: keyof Filters, value: string) => setFilters((prev) => ({ ...prev, [key]: value }));

  const verify = async () => {
    setVerifying(true);
    setVerified(null);
    const result = await invoke('audit.verify', {});
    setVerifying(false);
    if (result.ok) setVerified(result.value);
    else {
      logError(result.error);
      setError(result.error);
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    const result = await invoke('audit.export', toInput(filters));
    setExporting(false);
    if (!result.ok) {
      logError(result.error);
      setError(result.error);
      return;
    }
    // The core sends UTF-8 CSV with a BOM (so Excel reads Chinese right); keep exactly one.
    const csv = result.value.csv.startsWith('\uFEFF') ? result.value.csv : `\uFEFF${result.value.csv}`;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `audit-${today()}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const userName = (entry: AuditEntry) => entry.username || t('audit.system');
  const format = useMemo<AuditFormat>(() => {
    const names = new Map(users.map((u) => [u.id, u.displayName || u.username]));
    return { t, lng: i18n.language, userName: (id) => names.get(id) ?? null };
  }, [t, i18n.language, users]);

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 2 }}>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))' }}>
          <TextField select slotProps={NATIVE_SELECT} size="small" label={t('audit.user')} name="userId" value={filters.userId} onChange={(e) => setFilter('userId', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName ? `${u.displayName} (${u.username})` : u.username}
              </option>
            ))}
          </TextField>
          <TextField select slotProps={NATIVE_SELECT} size="small" label={t('audit.action')} name="action" value={filters.action} onChange={(e) => setFilter('action', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </TextField>
          <TextField select slotProps={NATIVE_SELECT} size="small" label={t('audit.entity')} name="entity" value={filters.entity} onChange={(e) => setFilter('entity', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {AUDIT_ENTITIES.map((en) => (
              <option key={en} value={en}>
                {t(`audit.entities.${en}`)}
              </option>
            ))}
          </TextField>
          <TextField type="date" size="small" label={t('audit.from')} name="from" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField type="date" size="small" label={t('audit.to')} name="to" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        </Box>
        <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }} useFlexGap>
          <Button variant="contained" startIcon={verifying ? <CircularProgress size={18} color="inherit" /> : <VerifiedIcon />} disabled={verifying} onClick={() => void verify()}>
            {t('audit.verify')}
          </Button>
          <Button variant="outlined" startIcon={exporting ? <CircularProgress size={18} color="inherit" /> : <DownloadIcon />} disabled={exporting} onClick={() => void exportCsv()}>
            {t('audit.export')}
          </Button>
          <Box sx={{ flex: 1 }} />
          <Button onClick={() => setFilters(NO_FILTERS)} disabled={JSON.stringify(filters) === JSON.stringify(NO_FILTERS)}>
            {t('customers.clearFilters')}
          </Button>
        </Stack>
      </Paper>
      {verified ? (
        verified.ok ? (
          <Alert severity="success" role="status">
            {t('audit.intact', { count: verified.checked, formatted: formatNumber(verified.checked) })}
          </Alert>
        ) : (
          <Alert severity="error" role="alert">
            {verified.firstBad
              ? t('audit.altered', { id: verified.firstBad.id, time: formatDateTime(verified.firstBad.at) })
              : t('audit.alteredUnknown')}
          </Alert>
        )
      ) : null}
      {error ? <Alert severity="error">{errorMessage(t, error)}</Alert> : null}
      <TableContainer component={Paper}>
        {/* Fixed layout: a long note can never squeeze Action or Entity to one character per line. */}
        <Table size="small" aria-label={t('audit.tableLabel')} sx={{ tableLayout: 'fixed', minWidth: 760 }}>
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
            {rows.map((entry) => (
              <AuditRow key={entry.id} entry={entry} format={format} userName={userName(entry)} />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ textAlign: 'center', color: 'text.secondary', py: 1 }}>
        {loading ? (
          <CircularProgress size={20} aria-label={t('common.loadingMore')} />
        ) : nextCursor ? (
          <Button onClick={() => void fetchPage(filters, nextCursor)}>{t('common.loadMore')}</Button>
        ) : rows.length === 0 ? (
          t('audit.empty')
        ) : (
          t('common.endOfList')
        )}
      </Box>
    </Stack>
  );
}

/** Lines shown before "Show all", and the length of a line that is surely cut by the column. */
const COLLAPSED_LINES = 3;
const LONG_LINE = 80;

const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/**
 * One entry: each change on one line, cut with an ellipsis; "Show all" opens the whole entry
 * (fetched from the core when the list had cut its long texts short).
 */
function AuditRow({ entry, format, userName }: { entry: AuditEntry; format: AuditFormat; userName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [whole, setWhole] = useState<AuditEntry | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const shown = open && whole ? whole : entry;
  const lines = shown.changes.map((change) => auditChangeLine(format, change, shown.changes));
  const expandable = entry.truncated || lines.length > COLLAPSED_LINES || lines.some((line) => line.length > LONG_LINE) || entry.label.length > 40;

  const toggle = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    if (!entry.truncated || whole) return;
    const result = await invoke('audit.entry', { id: entry.id });
    if (result.ok) setWhole(result.value);
    else {
      logError(result.error);
      setFailure(result.error);
    }
  };

  return (
    <TableRow data-audit-id={entry.id} sx={{ verticalAlign: 'top' }}>
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
        <Box
          id={`audit-changes-${entry.id}`}
          sx={open ? { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 360, overflowY: 'auto' } : undefined}
        >
          {(open ? lines : lines.slice(0, COLLAPSED_LINES)).map((line, i) => (
            <Box key={i} sx={open ? { mb: 0.5 } : oneLine}>
              {line}
            </Box>
          ))}
        </Box>
        {failure ? <Alert severity="error">{errorMessage(t, failure)}</Alert> : null}
        {expandable ? (
          <Button size="small" sx={{ px: 0.5, minWidth: 0 }} aria-expanded={open} aria-controls={`audit-changes-${entry.id}`} onClick={() => void toggle()}>
            {open ? t('audit.showLess') : t('audit.showAll')}
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
