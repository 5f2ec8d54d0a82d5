// The dashboard as a printed document (the PDF export): the same figures for the period in the
// address, each chart followed by its table, on A4 through the print views' frame (PrintView: fonts
// loaded before printing, Print / Save as PDF / Back). Offered with the `print` right, which the
// core checks: the figures come from `dashboard.export` (format pdf), which scopes them as on screen
// and writes the print in the audit log, once per opening of this view.
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/api/dashboard.ts';
import type { AppError } from '../../../../shared/errors.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';
import { useSession } from '../../app/session.tsx';
import { DocumentHeader } from '../print/DocumentHeader.tsx';
import { PrintView } from '../print/PrintView.tsx';
import { GradePie, RevenueGradeBars, RevenueMonthBars, SatisfactionLines, StageBars, VisitBars } from './DashboardCharts.tsx';
import { currentMonth } from './DashboardPage.tsx';
import { parsePeriod, type Period } from './period.ts';
import { dashboardTables, type FigureTableData } from './tables.ts';

/** The chart's width on A4 (180 mm of text width at 96 px per inch, a little less). */
const WIDTH = 600;

type Loaded = { state: 'loading' } | { state: 'failed'; error: AppError } | { state: 'ready'; data: Dashboard };

/**
 * Asked once per period: each answer is an audited print, so not through the query cache (it asks
 * again after every write) and not again when the effect runs twice for the same period (React's
 * strict mode mounts effects twice in development): the ref remembers the period already asked.
 */
export function useDashboardPrintOnce(period: Period): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const asked = useRef<string | null>(null);
  const { from, to } = period;
  useEffect(() => {
    const key = `${from}..${to}`;
    if (asked.current === key) return;
    asked.current = key;
    setLoaded({ state: 'loading' });
    void invoke('dashboard.export', { from, to, format: 'pdf' }).then((result) => {
      if (asked.current !== key) return; // another period was asked since
      if (result.ok) setLoaded({ state: 'ready', data: result.value });
      else {
        logError(result.error);
        setLoaded({ state: 'failed', error: result.error });
      }
    });
  }, [from, to]);
  return loaded;
}

/** `2026-01` as the language writes a month: 2026年1月 / January 2026. */
export function monthText(lng: string, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lng, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

function PrintTable({ table }: { table: FigureTableData }) {
  return (
    <table className="doc-table dash-table">
      <thead>
        <tr>
          {table.head.map((h, i) => (
            <th key={i} style={i === 0 ? undefined : { textAlign: 'right' }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((c, i) => (
              <td key={i} style={i === 0 ? undefined : { textAlign: 'right' }}>
                {c.text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Document({ dashboard: d, printedBy, shopName }: { dashboard: Dashboard; printedBy: string; shopName: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const tables = dashboardTables(d, { t, lng });
  const charts: Record<string, ReactNode> = {
    customersByGrade: <GradePie data={d.customersByGrade} skipAnimation width={WIDTH} />,
    customersByStage: <StageBars data={d.customersByStage} skipAnimation width={WIDTH} />,
    revenueByMonth: d.revenueByMonth.map((r) => <RevenueMonthBars key={r.currency} dashboard={d} currency={r.currency} skipAnimation width={WIDTH} />),
    revenueByGrade: d.revenueByGrade.map((r) => <RevenueGradeBars key={r.currency} dashboard={d} currency={r.currency} skipAnimation width={WIDTH} />),
    satisfaction: <SatisfactionLines data={d.satisfactionByMonth} skipAnimation width={WIDTH} />,
    visitsByStaff: d.visitsByStaff.length > 0 ? <VisitBars data={d.visitsByStaff} skipAnimation width={WIDTH} /> : null,
  };
  return (
    <>
      <DocumentHeader
        header={{ shopName, logo: null, printedBy, printedAt: Date.now() }}
        title={t('reports.title')}
        subtitle={`${monthText(lng, d.period.from)} – ${monthText(lng, d.period.to)}${d.scoped ? ` · ${t('reports.scopeNote')}` : ''}`}
      />
      {tables.map((table) => (
        <Fragment key={table.id}>
          <h2 className="doc-section">{table.title}</h2>
          {charts[table.id] ? <div className="dash-chart">{charts[table.id]}</div> : null}
          <PrintTable table={table} />
        </Fragment>
      ))}
    </>
  );
}

export function DashboardPrint({ query }: { query: string }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const period = parsePeriod(query, currentMonth());
  const loaded = useDashboardPrintOnce(period);
  const title = t('reports.printTitle', { from: period.from, to: period.to });
  const printedBy = session.user.displayName || session.user.username;
  return (
    <PrintView
      title={title}
      runningHead={t('reports.printHead', { shop: session.shopName, from: monthText(i18n.language, period.from), to: monthText(i18n.language, period.to) })}
      backTo={{ name: 'reports', query }}
      loaded={loaded}
    >
      {loaded.state === 'ready' ? <Document dashboard={loaded.data} printedBy={printedBy} shopName={session.shopName} /> : null}
    </PrintView>
  );
}
