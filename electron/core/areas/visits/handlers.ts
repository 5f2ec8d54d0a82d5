// Visit plans' methods, seen through the caller's access (scope). Stubs until the service lands.
import { AppFailure } from '../../../../shared/errors.ts';
import type { Handlers } from '../../api/handler-kit.ts';

const pending = (name: string) => () => {
  throw new AppFailure('INTERNAL', `${name}: not built yet`);
};

export const visitHandlers = {
  'visits.get': pending('visits.get'),
  'visits.agenda': pending('visits.agenda'),
  'visits.create': pending('visits.create'),
  'visits.update': pending('visits.update'),
  'visits.reschedule': pending('visits.reschedule'),
  'visits.setStatus': pending('visits.setStatus'),
  'visits.complete': pending('visits.complete'),
  'visits.delete': pending('visits.delete'),
  'visits.restore': pending('visits.restore'),
} satisfies Partial<Handlers>;
