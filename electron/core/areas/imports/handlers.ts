// The imports area's methods (shared/api/imports.ts). Being built: until the service lands each
// method answers INTERNAL, so the contract and the UI can be built against it meanwhile.
import { AppFailure } from '../../../../shared/errors.ts';
import type { Handlers } from '../../api/handler-kit.ts';

function notYet(): never {
  throw new AppFailure('INTERNAL', 'import: not built yet');
}

export const importsHandlers = {
  'imports.inspect': () => notYet(),
  'imports.preview': () => notYet(),
  'imports.run': () => notYet(),
  'imports.list': () => notYet(),
  'imports.undo': () => notYet(),
} satisfies Partial<Handlers>;
