// Customers, seen through the caller's access (scope and masking).
import {
  assignUnassignedCustomers,
  countCustomers,
  createCustomer,
  customerFacets,
  deleteCustomer,
  listCustomers,
  listDeletedCustomers,
  purgeCustomer,
  readCustomer,
  restoreCustomer,
  unassignedCustomers,
  updateCustomer,
} from './service.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';

export const customerHandlers = {
  'customers.list': async (ctx, input) => listCustomers(db(ctx), input, await access(ctx)),
  'customers.count': async (ctx, input) => ({ count: await countCustomers(db(ctx), input, await access(ctx)) }),
  'customers.facets': async (ctx) => customerFacets(db(ctx), await access(ctx)),
  'customers.get': async (ctx, input) => readCustomer(db(ctx), input.id, await access(ctx)),
  'customers.create': async (ctx, input) => createCustomer(db(ctx), input, await access(ctx), ctx.state.clock()),
  'customers.update': async (ctx, { id, version, ...draft }) => updateCustomer(db(ctx), id, version, draft, await access(ctx), ctx.state.clock()),
  'customers.delete': async (ctx, input) => deleteCustomer(db(ctx), input.id, input.version, await access(ctx), ctx.state.clock()),
  'customers.restore': async (ctx, input) => restoreCustomer(db(ctx), input.id, await access(ctx), ctx.state.clock()),
  'customers.purge': async (ctx, input) => purgeCustomer(db(ctx), input.id, await access(ctx), ctx.state.clock()),
  'customers.unassigned': (ctx) => unassignedCustomers(db(ctx)),
  'customers.assignUnassigned': async (ctx, input) => assignUnassignedCustomers(db(ctx), input.othersTo, await access(ctx), ctx.state.clock()),
  'customers.listDeleted': async (ctx, input) => listDeletedCustomers(db(ctx), input.cursor, input.limit, await access(ctx)),
} satisfies Partial<Handlers>;
