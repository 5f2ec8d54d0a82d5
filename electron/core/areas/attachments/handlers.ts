// The attachments area's methods (shared/api/attachments.ts). Stubs until the service lands.
import { AppFailure } from '../../../../shared/errors.ts';
import type { Handlers } from '../../api/handler-kit.ts';

const notYet = (method: string) => () => {
  throw new AppFailure('INTERNAL', `${method}: not built yet`);
};

export const attachmentsHandlers = {
  'attachments.list': notYet('attachments.list'),
  'attachments.add': notYet('attachments.add'),
  'attachments.preview': notYet('attachments.preview'),
  'attachments.saveCopy': notYet('attachments.saveCopy'),
  'attachments.update': notYet('attachments.update'),
  'attachments.delete': notYet('attachments.delete'),
  'attachments.restore': notYet('attachments.restore'),
  'attachments.purge': notYet('attachments.purge'),
  'attachments.verify': notYet('attachments.verify'),
} satisfies Partial<Handlers>;
