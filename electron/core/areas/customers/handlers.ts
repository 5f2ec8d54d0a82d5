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
  'customers.list': (ctx, input) => listCustomers(db(ctx), input, access(ctx)),
  'customers.count': (ctx, input) => ({ count: countCustomers(db(ctx), input, access(ctx)) }),
  'customers.facets': (ctx) => customerFacets(db(ctx), access(ctx)),
  'customers.get': (ctx, input) => readCustomer(db(ctx), input.id, access(ctx)),
  'customers.create': (ctx, input) => createCustomer(db(ctx), input, access(ctx), ctx.state.clock()),
  'customers.update': (ctx, { id, version, ...draft }) => updateCustomer(db(ctx), id, version, draft, access(ctx), ctx.state.clock()),
  'customers.delete': (ctx, input) => deleteCustomer(db(ctx), input.id, input.version, access(ctx), ctx.state.clock()),
  'customers.restore': (ctx, input) => restoreCustomer(db(ctx), input.id, access(ctx), ctx.state.clock()),
  'customers.purge': (ctx, input) => purgeCustomer(db(ctx), input.id, access(ctx), ctx.state.clock()),
  'customers.unassigned': (ctx) => unassignedCustomers(db(ctx)),
  'customers.assignUnassigned': (ctx, input) => assignUnassignedCustomers(db(ctx), input.othersTo, access(ctx), ctx.state.clock()),
  'customers.listDeleted': (ctx, input) => listDeletedCustomers(db(ctx), input.cursor, input.limit, access(ctx)),
} satisfies Partial<Handlers>;
