// A thread's entry when the sources run as TypeScript (the CLI through tsx, vitest, the benches):
// a worker thread does not inherit the loader hooks its parent registered with tsx's API, so it
// registers them itself, then loads the module threads.ts named (the core worker by default). The
// packaged app starts the bundled <name>.cjs files instead.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2] ?? './core-worker.ts');
