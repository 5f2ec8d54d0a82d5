import { useEffect, useState } from 'react';
import type { User } from '../../../../shared/api/auth.ts';
import { invoke } from '../../api/client.ts';
import { logError } from '../../app/errors.ts';

/** Staff for pickers and filters: a shop has a handful of users, so loading them all is fine. */
export function useUsers(): User[] {
  const [users, setUsers] = useState<User[]>([]);
  useEffect(() => {
    let cancelled = false;
    void invoke('users.list', {}).then((result) => {
      if (cancelled) return;
      if (result.ok) setUsers(result.value);
      else logError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return users;
}

export type Facets = { industries: string[]; regions: string[]; tags: string[] };

export function useFacets(): Facets {
  const [facets, setFacets] = useState<Facets>({ industries: [], regions: [], tags: [] });
  useEffect(() => {
    let cancelled = false;
    void invoke('customers.facets', {}).then((result) => {
      if (cancelled) return;
      if (result.ok) setFacets(result.value);
      else logError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return facets;
}
