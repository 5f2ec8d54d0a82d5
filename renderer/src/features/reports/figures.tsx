// The pieces every figure of the dashboard is made of: a number that is a link to the list behind
// it, a card with a heading, and a chart card whose chart can be swapped for its table (the table's
// numbers are links too, so every figure is reachable from the keyboard and by a screen reader).
import TableChartIcon from '@mui/icons-material/TableChartOutlined';
import BarChartIcon from '@mui/icons-material/BarChart';
import { Box, IconButton, Link as MuiLink, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Link } from '../../../../shared/api/dashboard.ts';
import { hrefOf } from '../../app/router.ts';
import { routeOfLink } from './drill.ts';

/** A figure as a link to its list: the visible text is the number, the accessible name says what opens. */
export function FigureLink({ link, label, children, testId }: { link: Link; label: string; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <MuiLink href={hrefOf(routeOfLink(link))} underline="hover" aria-label={t('reports.opens', { what: label })} data-testid={testId} sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {children}
    </MuiLink>
  );
}

/** A card with its heading (h2) and whatever it shows. */
export function Card({ title, id, action, children }: { title: string; id: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={`dash-${id}`} data-testid={`dash-${id}`} sx={{ p: 2, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, minHeight: 32 }}>
        <Typography variant="subtitle1" component="h2" id={`dash-${id}`} sx={{ fontWeight: 600, flex: 1, minWidth: 0 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Paper>
  );
}

/** A big number card: one or more labelled figures side by side. */
export function NumbersCard({ title, id, items }: { title: string; id: string; items: { key: string; label: string; value: string; link: Link; sub?: ReactNode }[] }) {
  return (
    <Card title={title} id={id}>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {items.map((item) => (
          <Box key={item.key} sx={{ minWidth: 0 }}>
            <Typography variant="body2" color="text.secondary">
              {item.label}
            </Typography>
            <Typography variant="h4" component="p" sx={{ fontWeight: 500 }}>
              <FigureLink link={item.link} label={`${title} · ${item.label}: ${item.value}`} testId={`dash-${id}-${item.key}`}>
                {item.value}
              </FigureLink>
            </Typography>
            {item.sub}
          </Box>
        ))}
      </Stack>
    </Card>
  );
}

/** A chart with a button that shows its table instead (and back). */
export function ChartCard({ title, id, chart, table, extra }: { title: string; id: string; chart: ReactNode; table: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const label = asTable ? title : t('reports.showTable');
  return (
    <Card
      title={title}
      id={id}
      action={
        <>
          {extra}
          <Tooltip title={label}>
            <IconButton size="small" aria-pressed={asTable} aria-label={t('reports.showTable')} onClick={() => setAsTable((v) => !v)}>
              {asTable ? <BarChartIcon fontSize="small" /> : <TableChartIcon fontSize="small" />}
            </IconButton>
          </Tooltip>
        </>
      }
    >
      {asTable ? <Box sx={{ overflow: 'auto', maxHeight: 280 }}>{table}</Box> : chart}
    </Card>
  );
}

const cell = { px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** A plain table: the first column is the row's name, the rest are figures (links where they have one). */
export function FigureTable({ caption, head, rows }: { caption: string; head: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <Box component="table" sx={{ borderCollapse: 'collapse', fontSize: 14, width: '100%' }}>
      <Box component="caption" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {caption}
      </Box>
      <thead>
        <tr>
          {head.map((h, i) => (
            <Box component="th" scope="col" key={h} sx={{ ...cell, fontWeight: 500, textAlign: i === 0 ? 'left' : 'right' }}>
              {h}
            </Box>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((c, i) =>
              i === 0 ? (
                <Box component="th" scope="row" key={i} sx={{ ...cell, textAlign: 'left', fontWeight: 400, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                  {c}
                </Box>
              ) : (
                <Box component="td" key={i} sx={cell}>
                  {c}
                </Box>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
