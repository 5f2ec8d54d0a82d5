#!/usr/bin/env node
// `npx clientele …`: loads the TypeScript CLI through tsx (no build step needed after install).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
