// The contract register's methods (stubs until the service lands).
import { AppFailure } from '../../../../shared/errors.ts';
import type { Handlers } from '../../api/handler-kit.ts';

const notYet = (): never => {
  throw new AppFailure('INTERNAL', 'contracts: not built yet');
};

export const contractHandlers = {
  'contracts.list': notYet,
  'contracts.summary': notYet,
  'contracts.get': notYet,
  'contracts.create': notYet,
  'contracts.update': notYet,
  'contracts.terminate': notYet,
  'contracts.delete': notYet,
  'contracts.restore': notYet,
  'contracts.listDeleted': notYet,
  'contracts.suggestNumber': notYet,
  'contracts.expiringCount': notYet,
} satisfies Partial<Handlers>;
