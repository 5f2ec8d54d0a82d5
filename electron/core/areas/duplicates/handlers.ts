// Duplicates' methods: the finder as a job, merge / undo / history / dismiss in the caller's access.
import { AppFailure } from '../../../../shared/errors.ts';
import type { Handlers } from '../../api/handler-kit.ts';

function notYet(): never {
  throw new AppFailure('INTERNAL', 'duplicates: not built yet');
}

export const duplicateHandlers = {
  'duplicates.find': () => notYet(),
  'duplicates.dismiss': () => notYet(),
  'duplicates.merge': () => notYet(),
  'duplicates.merges': () => notYet(),
  'duplicates.undoMerge': () => notYet(),
} satisfies Partial<Handlers>;
