// `npm start`: the Electron app when its binary is installed; otherwise browser mode (the CLI's
// `serve`) opened in a Chromium app window, or just its URL printed when there is no display.
// Arguments after `npm start --` go to the app (e.g. `--data-dir DIR`); `--no-browser` is ours.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { findElectronBinary } from './find-electron.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const rawArgs = process.argv.slice(2);
const noBrowser = rawArgs.includes('--no-browser');
const appArgs = rawArgs.filter((arg) => arg !== '--no-browser');

/** Newest modification time of any file under `dirs` (skipping node_modules). */
function newestMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return newest;
}

/** Runs `npm run <script>` when `output` is missing or older than its sources. */
function buildIfNeeded(script, output, sources) {
  let builtAt = 0;
  try {
    builtAt = fs.statSync(path.join(root, output)).mtimeMs;
  } catch {
    // missing: build
  }
  if (builtAt > 0 && newestMtime(sources) <= builtAt) return;
  console.log(`clientele: ${output} is ${builtAt > 0 ? 'older than its sources' : 'missing'}; running npm run ${script}`);
  // npm sets npm_execpath when it runs us; use the same npm with the same Node.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`clientele: npm run ${script} failed`);
    process.exit(result.status ?? 1);
  }
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A Chromium-family browser for the app window: CLIENTELE_BROWSER, then the usual places. */
function findChromium() {
  const override = process.env.CLIENTELE_BROWSER;
  if (override) return isExecutable(override) ? override : null;
  const candidates = [];
  if (process.platform === 'darwin') {
    candidates.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else if (process.platform === 'win32') {
    for (const base of [process.env.LOCALAPPDATA, process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)']]) {
      if (!base) continue;
      candidates.push(
        path.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.join(base, 'Chromium', 'Application', 'chrome.exe'),
        path.join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      );
    }
  } else {
    candidates.push('/usr/bin/chromium');
    const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser'];
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      for (const name of names) candidates.push(path.join(dir, name));
    }
  }
  return candidates.find(isExecutable) ?? null;
}

function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function startElectron(binary) {
  buildIfNeeded('build:renderer', 'build/out/renderer/index.html', ['renderer', 'shared']);
  buildIfNeeded('build:electron', 'build/out/electron/main.cjs', ['electron', 'shared']);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would run main.cjs as a plain Node script
  // The project root: Electron reads package.json's "main" (build/out/electron/main.cjs) and name.
  const child = spawn(binary, [root, ...appArgs], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserMode(reason) {
  console.log(`Electron's binary is not installed here; starting browser mode instead. (${reason})`);
  buildIfNeeded('build:renderer', 'build/out/renderer/index.html', ['renderer', 'shared']);
  const cli = path.join(root, 'electron', 'cli', 'bin.mjs');
  if (!fs.existsSync(cli)) {
    console.error(`clientele: ${path.relative(root, cli)} is missing; cannot start browser mode.`);
    process.exit(1);
  }
  const server = spawn(process.execPath, [cli, 'serve', ...appArgs], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  let browser = null;
  let profileDir = null;
  let stopping = false;

  const stop = (signal = 'SIGTERM') => {
    stopping = true;
    if (browser && browser.exitCode === null) browser.kill(signal);
    if (server.exitCode === null) server.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
  const removeProfile = () => {
    try {
      if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    } catch (error) {
      console.error(`clientele: could not remove ${profileDir}: ${error.message}`);
    }
  };

  const openAppWindow = (url) => {
    const chromium = noBrowser || !hasDisplay() ? null : findChromium();
    if (!chromium) {
      console.log(`clientele: open ${url} in a browser on this PC (Ctrl+C stops the server).`);
      return;
    }
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-browser-'));
    const flags = [
      `--app=${url}`,
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ];
    // Chromium refuses to start as root with its sandbox on (containers, CI boxes).
    if (process.platform === 'linux' && process.getuid?.() === 0) flags.push('--no-sandbox');
    browser = spawn(chromium, flags, { stdio: 'ignore' });
    browser.on('error', (error) => {
      browser = null;
      console.log(`clientele: could not start ${chromium} (${error.message}); open ${url} in a browser.`);
    });
    browser.on('exit', (code) => {
      if (stopping) return;
      // The app window is the app: closing it stops the server. A browser that failed to start
      // leaves the server running for whichever browser the user opens instead.
      if (code === 0) stop();
      else console.log(`clientele: the browser exited with code ${code}; open ${url} in a browser.`);
    });
  };

  let opened = false;
  readline.createInterface({ input: server.stdout }).on('line', (line) => {
    console.log(line);
    const match = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(line);
    if (match && !opened) {
      opened = true;
      openAppWindow(match[0]);
    }
  });
  server.on('exit', (code, signal) => {
    const finish = () => {
      removeProfile();
      process.exit(code ?? (signal && !stopping ? 1 : 0));
    };
    // Wait for the browser to let go of its profile before removing it.
    if (browser && browser.exitCode === null && browser.signalCode === null) {
      browser.once('exit', finish);
      browser.kill();
    } else {
      finish();
    }
  });
}

const electron = findElectronBinary(root);
if (electron.path) startElectron(electron.path);
else startBrowserMode(electron.reason);
