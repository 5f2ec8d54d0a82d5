// The dashboard's exports (the tables as .xlsx, the printed dashboard saved as PDF): each a right of
// its own, checked here on every call (method permission reports.read, then the format's right),
// answering the very figures `dashboard.get` gives for that period and scope, and logged in the same
// call, so no export leaves the core without its audit entry.
import type { z } from 'zod';
import { DASHBOARD_EXPORT_RIGHTS, dashboardTableRows, type Dashboard, type DashboardExportQuery } from '../../../../shared/api/dashboard.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import { transaction, type Db } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import type { Access } from '../users/access.ts';
import { readDashboard } from './service.ts';

type Query = z.output<typeof DashboardExportQuery>;

export async function exportDashboard(db: Db, query: Query, access: Access, now: number): Promise<Dashboard> {
  const right = DASHBOARD_EXPORT_RIGHTS[query.format];
  if (!roleHas(access.role, right)) {
    throw new AppFailure('FORBIDDEN', `dashboard.export: your role may not export the dashboard as ${query.format} (it needs the right ${right})`);
  }
  const figures = await readDashboard(db, { from: query.from, to: query.to }, access, now, 'dashboard.export');
  const { from, to } = figures.period;
  await transaction(db, (tx) =>
    appendAudit(tx, {
      at: now,
      userId: access.userId,
      username: access.username,
      action: 'dashboard.export',
      entity: 'dashboard',
      label: `${from} – ${to}`,
      changes: [
        { field: 'dashboardFormat', before: null, after: query.format },
        { field: 'dashboardFrom', before: null, after: from },
        { field: 'dashboardTo', before: null, after: to },
        { field: 'dashboardRows', before: null, after: dashboardTableRows(figures) },
      ],
    }),
  );
  return figures;
}
