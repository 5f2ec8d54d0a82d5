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
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEntry } from '../../../../shared/api/audit.ts';
import type { MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { errorMessage, logError } from '../../app/errors.ts';
import { formatDateTime, formatNumber, formatShortDateTime } from '../../i18n/format.ts';
import { useUsers } from '../customers/use-users.ts';

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

  /** A before/after value as text: empty shows a dash, yes/no in words, objects as compact JSON. */
  const valueText = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
  const userName = (entry: AuditEntry) => entry.username || t('audit.system');
  // Field names in the user's language where we have one (customer fields, settings, users).
  const fieldLabel = (field: string) => {
    for (const key of [`audit.fields.${field}`, `customer.${field}`]) {
      const text: unknown = i18n.exists(key) ? t(key, { returnObjects: true }) : undefined;
      if (typeof text === 'string') return text;
    }
    return field;
  };

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
        <Table size="small" aria-label={t('audit.tableLabel')}>
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
              <TableRow key={entry.id} data-audit-id={entry.id} sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatShortDateTime(entry.at)}</TableCell>
                <TableCell>{userName(entry)}</TableCell>
                <TableCell>{t(`audit.actions.${entry.action}`)}</TableCell>
                <TableCell>
                  {t(`audit.entities.${entry.entity}`)}
                  {entry.label ? (
                    <Typography component="span" sx={{ display: 'block', overflowWrap: 'anywhere' }} variant="body2">
                      {entry.label}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  {entry.changes.map((change, i) => (
                    <Box key={`${change.field}-${i}`}>
                      {fieldLabel(change.field)}: {valueText(change.before)} → {valueText(change.after)}
                    </Box>
                  ))}
                </TableCell>
              </TableRow>
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
