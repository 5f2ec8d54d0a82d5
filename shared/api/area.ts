import type { MethodSpec } from './method.ts';

/**
 * One area's part of the contract: its methods (`<area>.<verb>`) and the audit entries its changes
 * write (`<entity>.<verb>`). `shared/api/contract.ts` lists the areas, one line each, and derives
 * the whole contract and the audit vocabulary from them.
 */
export type AreaContract = {
  methods: Record<string, MethodSpec<any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each method keeps its own schema types
  /** The kinds of thing its audit entries are about (`customer`, `user`, ...). */
  auditEntities: readonly string[];
  auditActions: readonly string[];
};

export function defineArea<const A extends AreaContract>(area: A): A {
  return area;
}
