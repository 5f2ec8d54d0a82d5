// The Electron door: one window, one IPC channel, everything else refused. The core does the work;
// this file only wires Electron to it, following Electron's security checklist.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, session, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { createCoreInWorker } from '../core/worker/core-in-worker.ts';
import { ensureDataDir } from '../core/data-dir.ts';
import type { Core } from '../core/core-types.ts';
import { fail, type Result } from '../../shared/errors.ts';
import { APP_ORIGIN, APP_URL, registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { resolveDataDir } from './data-dir.ts';
import { LEAVE_BUTTON, LEAVE_PROMPT, STAY_BUTTON, isLanguage, promptLanguage, type Language } from './leave-prompt.ts';
import { PRINT_CHANNEL, printView } from './print.ts';

const INVOKE_CHANNEL = 'clientele:invoke';
const EVENT_CHANNEL = 'clientele:event';
/** Native file dialogs: a path is all the page gets back; reading and writing stay in the core. */
const PICK_CHANNEL = 'clientele:pick';
/** The page's language, sent on start and on every change: native questions are asked in it. */
const LANGUAGE_CHANNEL = 'clientele:language';
/** A file the user chose in the page, as its path (the preload's webUtils.getPathForFile); the core reads it. */
const UPLOAD_CHANNEL = 'clientele:upload';

// Bundled to CommonJS (build/bundle-electron.mjs): build/out/electron/main.cjs, next to preload.cjs
// and beside build/out/renderer.
const PRELOAD = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

registerAppScheme();
app.enableSandbox();

const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'));
if (dataDir.explicit) {
  // One instance per data dir, not per machine: the single-instance lock lives in userData, and tests
  // run several apps side by side on temporary data dirs. Chromium's own profile goes along with it.
  app.setPath('userData', path.join(path.resolve(dataDir.dir), 'electron-profile'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  let core: Core | null = null;
  let mainWindow: BrowserWindow | null = null;
  let pageLanguage: Language | null = null;
  let exiting = false;

  /**
   * Quitting, once: the automatic backup on exit, then exit. Closing the window gets here only
   * after the page let it close (beforeunload, below); the signed-in session lives here in the
   * core, not in the page, so the backup still finds the database open.
   */
  function exitAfterBackup(): void {
    if (exiting) return;
    exiting = true;
    const closing = core;
    void (closing ? closing.shutdown() : Promise.resolve())
      .catch((cause: unknown) => console.error('clientele: the backup on exit failed', cause))
      .finally(() => app.exit(0));
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Applies to every webContents, including any a bug might create later.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  function isOurPage(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
    const frame = event.senderFrame;
    return (
      mainWindow !== null &&
      !mainWindow.isDestroyed() &&
      event.sender === mainWindow.webContents &&
      frame !== null &&
      frame.parent === null && // the top frame, not an iframe inside it
      frame.url.startsWith(`${APP_ORIGIN}/`)
    );
  }

  async function handleInvoke(event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> {
    if (!core || !isOurPage(event)) return fail('FORBIDDEN', 'ipc: the caller is not the app window');
    if (typeof method !== 'string') return fail('VALIDATION', 'ipc: the method must be a string');
    try {
      return await core.invoke(`window:${event.sender.id}`, method, input);
    } catch (cause) {
      // The core answers with values; a throw is a bug, and its message may hold internals.
      console.error(`ipc: ${method} threw`, cause);
      return fail('INTERNAL', `${method}: internal error`);
    }
  }

  function createWindow(activeCore: Core): BrowserWindow {
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 960,
      minHeight: 600,
      show: false,
      title: 'Clientele 客户管家',
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        // Chromium's spell checker downloads dictionaries; the app makes no outbound connection, ever.
        spellcheck: false,
        devTools: !app.isPackaged,
      },
    });
    const webContentsId = win.webContents.id; // read now: webContents is gone once the window closes
    const unsubscribe = activeCore.onEvent(`window:${webContentsId}`, (event) => {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
    });
    win.once('ready-to-show', () => win.show());
    // A page that asks before it is left (the recovery key not yet marked as stored) gets its
    // question asked here: Electron itself would cancel the close or reload without a word.
    win.webContents.on('will-prevent-unload', (event) => {
      const text = LEAVE_PROMPT[promptLanguage(pageLanguage, app.getLocale())];
      const choice = dialog.showMessageBoxSync(win, {
        type: 'warning',
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.leave, text.stay],
        defaultId: STAY_BUTTON,
        cancelId: STAY_BUTTON,
        noLink: true,
      });
      // preventDefault() here overrides the page's beforeunload: the close or reload goes ahead.
      if (choice === LEAVE_BUTTON) event.preventDefault();
    });
    win.webContents.on('render-process-gone', (_event, details) => console.error('renderer gone:', details.reason));
    // Closing the window quits the app, once the page has let it close. The session is not ended
    // here: the backup on exit needs it, and shutdown closes the core after it.
    win.on('closed', () => {
      unsubscribe();
      if (mainWindow === win) mainWindow = null;
      exitAfterBackup();
    });
    void win.loadURL(APP_URL);
    return win;
  }

  async function start(): Promise<void> {
    const defaultSession = session.defaultSession;
    defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    defaultSession.setPermissionCheckHandler(() => false);
    // Defence in depth for "no outbound connection": the page's CSP already limits it to 'self'.
    defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
      callback({ cancel: true }),
    );
    // macOS needs an Edit menu for copy and paste shortcuts; elsewhere Chromium handles them without one.
    Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null);

    // Downloads the core gave the window (the logo, a preview) stream from app://clientele/api/download/<id>.
    serveAppProtocol(RENDERER_DIR, (id) =>
      core && mainWindow ? core.download(`window:${mainWindow.webContents.id}`, id) : Promise.resolve(fail('UNAUTHENTICATED', 'files.download: no window')),
    );
    ensureDataDir(path.resolve(dataDir.dir)); // 0700; a file in its place is a clear message
    // In a worker thread: the window's thread only forwards, so a re-key or a seed never freezes it.
    const activeCore = createCoreInWorker({ dataDir: path.resolve(dataDir.dir), longRunning: true });
    core = activeCore;
    ipcMain.handle(INVOKE_CHANNEL, handleInvoke);
    ipcMain.handle(UPLOAD_CHANNEL, async (event, purpose: unknown, filePath: unknown): Promise<Result<unknown>> => {
      if (!core || !isOurPage(event)) return fail('FORBIDDEN', 'ipc: the caller is not the app window');
      if (typeof filePath !== 'string' || filePath === '') return fail('VALIDATION', 'files.upload: choose a file on this computer', { reason: 'path' });
      return core.upload(`window:${event.sender.id}`, String(purpose), { path: filePath });
    });
    ipcMain.on(LANGUAGE_CHANNEL, (event, language: unknown) => {
      if (isOurPage(event) && isLanguage(language)) pageLanguage = language;
    });
    ipcMain.handle(PICK_CHANNEL, async (event, kind: unknown) => {
      if (!isOurPage(event) || !mainWindow) return null;
      const result = await dialog.showOpenDialog(mainWindow, {
        properties: kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'],
        filters: kind === 'folder' ? [] : [{ name: 'Clientele backup', extensions: ['clbak'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    });
    // A print view prints the window showing it, or saves it as a PDF (print.ts).
    ipcMain.handle(PRINT_CHANNEL, async (event, action: unknown, fileName: unknown) => {
      if (!isOurPage(event) || !mainWindow) return { outcome: 'failed', reason: 'ipc: the caller is not the app window' };
      return printView({ window: mainWindow, contents: event.sender, showSaveDialog: (win, options) => dialog.showSaveDialog(win, options), writeFile }, action, fileName);
    });
    mainWindow = createWindow(activeCore);
  }

  // The window's 'closed' has started the way out; quitting now would close the core under the backup.
  app.on('window-all-closed', exitAfterBackup);
  // Stopped by the system (log-out, `kill`, Ctrl+C in a terminal): the same way out as closing the
  // window, so the exit backup is made while the database is still open. Without the page's
  // question: nobody may be there to answer it, and a modal question would hold up the backup.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, exitAfterBackup);
  app.on('will-quit', (event) => {
    // app.quit() (Cmd+Q) closes the window first, which started the backup on exit: it exits when done.
    if (exiting) {
      event.preventDefault();
      return;
    }
    core?.close();
    core = null;
  });

  app
    .whenReady()
    .then(start)
    .catch((cause: unknown) => {
      console.error('clientele: start failed', cause);
      dialog.showErrorBox('Clientele', `Clientele could not start (data dir ${dataDir.dir}):\n${cause instanceof Error ? cause.message : String(cause)}`);
      app.exit(1);
    });
}
