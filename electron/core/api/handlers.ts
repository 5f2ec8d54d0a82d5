// Each contract method's implementation: a thin call into the services, grouped by area. Input has
// already been validated and the caller authorised by the dispatcher. The `Handlers` type makes a
// missing handler a compile error.
import { authHandlers } from '../areas/auth/handlers.ts';
import { backupHandlers } from '../areas/backup/handlers.ts';
import { customerHandlers } from '../areas/customers/handlers.ts';
import { systemHandlers } from '../areas/system/handlers.ts';
import { userHandlers } from '../areas/users/handlers.ts';
import type { Handlers } from './handler-kit.ts';

export { closeWhenUnused } from './handler-kit.ts';

export const handlers: Handlers = { ...authHandlers, ...userHandlers, ...customerHandlers, ...backupHandlers, ...systemHandlers };
