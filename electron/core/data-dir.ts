// Where data lives when no --data-dir is given: the same folder Electron calls `userData`
// (<appData>/Clientele), so the CLI and the app find the same database.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CLIENTELE_DATA_DIR) return env.CLIENTELE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Clientele');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Clientele');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Clientele');
}
