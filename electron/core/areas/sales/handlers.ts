// Sales' and the catalogue's methods, seen through the caller's access (scope) at the core's clock.
import { AppFailure } from '../../../../shared/errors.ts';
import { roleHas } from '../../../../shared/roles.ts';
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import {
  countSales,
  createCatalogueItem,
  createSale,
  deleteSale,
  listCatalogue,
  listSales,
  readSale,
  restoreSale,
  setCatalogueActive,
  updateCatalogueItem,
  updateSale,
  type Actor,
} from './service.ts';
import { checkSalesSummaries } from './summaries.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  return { ...(await access(ctx)), now: ctx.state.clock() };
}

/** The recycle bin's sales are for those who may delete and restore them. */
function binAllowed(who: Actor, deleted: boolean, operation: string): void {
  if (deleted && !roleHas(who.role, 'customers.delete')) throw new AppFailure('FORBIDDEN', `${operation}: your role may not see the recycle bin's sales`);
}

export const salesHandlers = {
  'catalogue.list': async (ctx, input) => listCatalogue(db(ctx), input),
  'catalogue.create': async (ctx, input) => createCatalogueItem(db(ctx), input, await actor(ctx)),
  'catalogue.update': async (ctx, input) => updateCatalogueItem(db(ctx), input, await actor(ctx)),
  'catalogue.setActive': async (ctx, input) => setCatalogueActive(db(ctx), input.id, input.version, input.active, await actor(ctx)),
  'sales.list': async (ctx, input) => {
    const who = await actor(ctx);
    binAllowed(who, input.deleted, 'sales.list');
    return listSales(db(ctx), input, who);
  },
  'sales.count': async (ctx, input) => {
    const who = await actor(ctx);
    binAllowed(who, input.deleted, 'sales.count');
    return countSales(db(ctx), input, who);
  },
  'sales.get': async (ctx, input) => readSale(db(ctx), input.id, await actor(ctx)),
  'sales.create': async (ctx, input) => createSale(db(ctx), input, await actor(ctx)),
  'sales.update': async (ctx, { id, version, ...draft }) => updateSale(db(ctx), id, version, draft, await actor(ctx)),
  'sales.delete': async (ctx, input) => deleteSale(db(ctx), input.id, await actor(ctx)),
  'sales.restore': async (ctx, input) => restoreSale(db(ctx), input.id, await actor(ctx)),
  'sales.check': async (ctx) => {
    const differences = await checkSalesSummaries(db(ctx));
    return { ok: differences.length === 0, differences };
  },
} satisfies Partial<Handlers>;
