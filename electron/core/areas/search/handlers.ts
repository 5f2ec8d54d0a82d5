// Search as you type, through the caller's access (scope and masking).
import { localDay } from '../../../../shared/contract-status.ts';
import { searchEverything } from './service.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';

export const searchHandlers = {
  'search.query': async (ctx, input) => searchEverything(db(ctx), input.q, input.limit, await access(ctx), localDay(ctx.state.clock())),
} satisfies Partial<Handlers>;
