// The Complaints page's filters live in the address (`#/complaints?status=overdue&assignee=3`): a
// reload keeps them, Back returns to them. Values that are not valid (an edited address, an old
// bookmark) are dropped, never sent to the core. `assignee=none` is "assigned to nobody".
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUS_FILTERS,
  type ComplaintCategory,
  type ComplaintQueryInput,
  type ComplaintSeverity,
  type ComplaintStatusFilter,
} from '../../../../shared/api/complaints.ts';

export type ComplaintFilters = {
  status?: Exclude<ComplaintStatusFilter, 'all'>;
  /** A user's id, or null for "nobody". */
  assigneeId?: number | null;
  severity?: ComplaintSeverity;
  category?: ComplaintCategory;
  /** Staff performance's complaints closed: of this staff member's customers, closed in these local days (by the deadline). */
  ownerId?: number;
  closedFrom?: string;
  closedTo?: string;
  onTime?: true;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const ID = /^[1-9]\d{0,9}$/;
const NONE = 'none';

const oneOf = <T extends string>(options: readonly T[], value: string | null): T | undefined => options.find((o) => o === value);

export function parseComplaintQuery(search: string | undefined): ComplaintFilters {
  const params = new URLSearchParams(search ?? '');
  const filters: ComplaintFilters = {};
  const status = oneOf(COMPLAINT_STATUS_FILTERS, params.get('status'));
  if (status && status !== 'all') filters.status = status;
  const assignee = params.get('assignee') ?? '';
  if (assignee === NONE) filters.assigneeId = null;
  else if (ID.test(assignee)) filters.assigneeId = Number(assignee);
  const severity = oneOf(COMPLAINT_SEVERITIES, params.get('severity'));
  if (severity) filters.severity = severity;
  const category = oneOf(COMPLAINT_CATEGORIES, params.get('category'));
  if (category) filters.category = category;
  const owner = params.get('owner') ?? '';
  if (ID.test(owner)) filters.ownerId = Number(owner);
  for (const key of ['closedFrom', 'closedTo'] as const) {
    const day = params.get(key) ?? '';
    if (DAY.test(day)) filters[key] = day;
  }
  if (params.get('onTime') === 'true') filters.onTime = true;
  return filters;
}

/** The canonical search string ('' for the whole list), so equal filters compare equal. */
export function formatComplaintQuery(filters: ComplaintFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.assigneeId !== undefined) params.set('assignee', filters.assigneeId === null ? NONE : String(filters.assigneeId));
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.category) params.set('category', filters.category);
  if (filters.ownerId !== undefined) params.set('owner', String(filters.ownerId));
  if (filters.closedFrom) params.set('closedFrom', filters.closedFrom);
  if (filters.closedTo) params.set('closedTo', filters.closedTo);
  if (filters.onTime) params.set('onTime', 'true');
  return params.toString();
}

/** What the core is asked for these filters (without the cursor). */
export function listInput(filters: ComplaintFilters, limit: number): Omit<ComplaintQueryInput, 'after'> {
  return {
    status: filters.status ?? 'all',
    ...(filters.assigneeId !== undefined ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.ownerId !== undefined ? { ownerId: filters.ownerId } : {}),
    ...(filters.closedFrom ? { closedFrom: filters.closedFrom } : {}),
    ...(filters.closedTo ? { closedTo: filters.closedTo } : {}),
    ...(filters.onTime ? { onTime: true as const } : {}),
    limit,
  };
}
