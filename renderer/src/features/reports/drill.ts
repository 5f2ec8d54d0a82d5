// Drill-down: a figure's `link` (the core's area + filters, see shared/api/dashboard.ts) → the
// address of the list behind it, with the filters in the address as that list reads them, so the
// list opens showing exactly the rows counted. Every link goes through the target list's own
// parser and formatter: a filter the list would drop is a bug the unit test catches
// (test/unit/reports-drill.test.ts), never a silently wider list.
import type { Link } from '../../../../shared/api/dashboard.ts';
import type { Route } from '../../app/router.ts';
import { formatChurnQuery, parseChurnQuery } from '../churn/churn-query.ts';
import { formatComplaintQuery, parseComplaintQuery } from '../complaints/list-query.ts';
import { formatContractQuery, parseContractQuery } from '../contracts/list-query.ts';
import { formatListQuery, parseListQuery } from '../customers/list-query.ts';
import { formatSaleQuery, parseSaleQuery } from '../sales/list-query.ts';
import { formatSurveyQuery, parseSurveyQuery } from '../surveys/list-query.ts';
import { formatVisitListQuery, parseVisitListQuery } from '../visits/visit-list-query.ts';

/** The core's filter name → the list address's parameter, where they differ. */
const PARAMS: Partial<Record<Link['area'], Record<string, string>>> = {
  customers: { ownerId: 'owner' },
  contracts: { expiringWithinDays: 'within' },
  surveys: { customerId: 'customer', staffId: 'staff', ownerId: 'owner' },
  complaints: { ownerId: 'owner' },
  churn: { ownerId: 'owner' },
};

function search(link: Link): string {
  const rename = PARAMS[link.area] ?? {};
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(link.filters)) params.set(rename[key] ?? key, String(value));
  return params.toString();
}

/** The list's address for a link: its search string as the list itself writes it. */
export function routeOfLink(link: Link): Route {
  const raw = search(link);
  switch (link.area) {
    case 'customers':
      return { name: 'customers', query: formatListQuery(parseListQuery(raw)) };
    case 'sales':
      return { name: 'sales', query: formatSaleQuery(parseSaleQuery(raw)) };
    case 'surveys':
      return { name: 'satisfaction', query: formatSurveyQuery(parseSurveyQuery(raw)) };
    case 'complaints':
      return { name: 'complaints', query: formatComplaintQuery(parseComplaintQuery(raw)) };
    case 'contracts':
      return { name: 'contracts', query: formatContractQuery(parseContractQuery(raw)) };
    case 'visits':
      return { name: 'visitList', query: formatVisitListQuery(parseVisitListQuery(raw)) };
    case 'churn':
      return { name: 'churn', query: formatChurnQuery(parseChurnQuery(raw)) };
  }
}
