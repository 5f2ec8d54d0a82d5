// Each contract method's implementation, gathered from the areas (electron/core/areas/index.ts).
// Input has already been validated and the caller authorised by the dispatcher.
import { contract } from '../../../shared/api/contract.ts';
import { allHandlers } from '../areas/area.ts';
import { AREAS } from '../areas/index.ts';

export { closeWhenUnused } from './handler-kit.ts';

export const handlers = allHandlers(AREAS, Object.keys(contract));
