import type { User } from '../../../../shared/api/users.ts';
import { useCoreQuery } from '../../app/query.ts';

const NO_USERS: User[] = [];

/** Staff for pickers and filters: a shop has a handful of users, so loading them all is fine. */
export function useUsers(): User[] {
  return useCoreQuery('users.list', {}).data ?? NO_USERS;
}

export type Facets = { industries: string[]; regions: string[]; tags: string[] };

const NO_FACETS: Facets = { industries: [], regions: [], tags: [] };

/** The industries, regions and tags in use, offered as suggestions and filters. */
export function useFacets(): Facets {
  return useCoreQuery('customers.facets', {}).data ?? NO_FACETS;
}
