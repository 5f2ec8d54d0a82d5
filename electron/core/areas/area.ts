import type { Handlers } from '../api/handler-kit.ts';
import type { DB } from '../db/schema.ts';

/**
 * One area of the core (customers, users, backup, ...): the handlers of its contract methods and
 * the tables of users' data it keeps. `./index.ts` lists the areas, one line each; the dispatcher,
 * `system.status` and backup manifests derive what they need from that list. An area's migrations
 * live in its folder and take their place in the one ordered schema history
 * (`db/migrations/index.ts`).
 */
export type Area = {
  name: string;
  handlers: Partial<Handlers>;
  /** Its tables of users' data, counted by `system.status` and in backup manifests (derived indexes excluded). */
  countedTables: readonly (keyof DB & string)[];
};

/** Every area's handlers in one table; a method handled twice, or not at all, is a start-up error. */
export function allHandlers(areas: readonly Area[], methods: readonly string[]): Handlers {
  const merged: Record<string, unknown> = {};
  for (const area of areas) {
    for (const [method, handler] of Object.entries(area.handlers)) {
      if (Object.hasOwn(merged, method)) throw new Error(`core: ${method} is handled by two areas (the second is ${area.name})`);
      merged[method] = handler;
    }
  }
  const missing = methods.filter((method) => !Object.hasOwn(merged, method));
  if (missing.length > 0) throw new Error(`core: no area handles ${missing.join(', ')}`);
  const extra = Object.keys(merged).filter((method) => !methods.includes(method));
  if (extra.length > 0) throw new Error(`core: ${extra.join(', ')} handled but not in the contract`);
  return merged as Handlers; // every contract method checked above
}

export function countedTables(areas: readonly Area[]): string[] {
  return areas.flatMap((area) => area.countedTables);
}
