// Where Electron's binary would be, found the way node_modules/electron/index.js finds it, but
// without its fallback of downloading the binary (which fails on offline machines and in CI).
import fs from 'node:fs';
import path from 'node:path';

/**
 * @param {string} root the project root (holding node_modules)
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ path: string, reason: null } | { path: null, reason: string }}
 */
export function findElectronBinary(root, env = process.env) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  let executable = '';
  try {
    executable = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // no path.txt: the binary was never downloaded, unless an override points at one
  }
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  } else if (executable) {
    binary = path.join(packageDir, 'dist', executable);
  } else {
    return { path: null, reason: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded' };
  }
  try {
    if (fs.statSync(binary).isFile()) return { path: binary, reason: null };
  } catch {
    // fall through
  }
  return { path: null, reason: `${binary} does not exist` };
}
