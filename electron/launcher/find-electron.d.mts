export type ElectronLookup = { path: string; reason: null } | { path: null; reason: string };

export function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): ElectronLookup;
