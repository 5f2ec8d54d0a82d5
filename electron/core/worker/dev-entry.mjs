// The worker's entry when the sources run as TypeScript (the CLI through tsx, vitest, the benches):
// a worker thread does not inherit the loader hooks its parent registered with tsx's API, so it
// registers them itself. The packaged app starts the bundled core-worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./core-worker.ts');
