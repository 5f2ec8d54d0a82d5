/** `--data-dir DIR` or `--data-dir=DIR`, else `CLIENTELE_DATA_DIR`, else the fallback (Electron's userData). */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: () => string): { dir: string; explicit: boolean } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    if (arg === '--data-dir' && next) return { dir: next, explicit: true };
    if (arg?.startsWith('--data-dir=') && arg.length > '--data-dir='.length) return { dir: arg.slice('--data-dir='.length), explicit: true };
  }
  if (env.CLIENTELE_DATA_DIR) return { dir: env.CLIENTELE_DATA_DIR, explicit: true };
  return { dir: fallback(), explicit: false };
}
