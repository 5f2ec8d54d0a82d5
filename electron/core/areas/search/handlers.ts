// Search as you type, through the caller's access (scope and masking).
import { searchCustomers } from './service.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';

export const searchHandlers = {
  'search.query': async (ctx, input) => searchCustomers(db(ctx), input.q, input.limit, await access(ctx)),
} satisfies Partial<Handlers>;
