// The whole surface the page gets: one call and one event subscription. Raw ipcRenderer and the
// IPC event objects never reach the page (Electron's context-isolation guidance).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'clientele:invoke';
const EVENT_CHANNEL = 'clientele:event';
const PICK_CHANNEL = 'clientele:pick';
const LANGUAGE_CHANNEL = 'clientele:language';
const UPLOAD_CHANNEL = 'clientele:upload';
const PRINT_CHANNEL = 'clientele:print';

contextBridge.exposeInMainWorld('clientele', {
  invoke(method: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, String(method), input);
  },
  /** `event` is the core event's `type` (e.g. 'progress'); the callback gets the whole event. */
  on(event: string, callback: (payload: unknown) => void): () => void {
    const type = String(event);
    const listener = (_ipcEvent: IpcRendererEvent, payload: unknown): void => {
      if (typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === type) callback(payload); // narrowed by the typeof check
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  /** The native folder dialog (e.g. the USB stick for backups); the chosen path or null. */
  pickFolder(): Promise<string | null> {
    return ipcRenderer.invoke(PICK_CHANNEL, 'folder');
  },
  /** The native open-file dialog for a .clbak backup; the chosen path or null. */
  pickFile(): Promise<string | null> {
    return ipcRenderer.invoke(PICK_CHANNEL, 'file');
  },
  /**
   * Stages a file the user chose (file input or drop) for `purpose`: the core reads it from its
   * path. Only such a file has a path (a File the page makes itself has none, and is refused), so
   * the page cannot name a file of its own choosing.
   */
  uploadFile(file: File, purpose: string): Promise<unknown> {
    return ipcRenderer.invoke(UPLOAD_CHANNEL, String(purpose), webUtils.getPathForFile(file));
  },
  /**
   * Prints the print view this window shows ('print': the system's print dialog) or saves it as a
   * PDF ('pdf': the save dialog, `fileName` suggested); the outcome (printed, saved, cancelled, failed).
   */
  printView(action: string, fileName: string): Promise<unknown> {
    return ipcRenderer.invoke(PRINT_CHANNEL, String(action), String(fileName));
  },
  /** The language the page shows ('zh-CN' | 'en-US'), so native questions (leave this page?) match it. */
  setLanguage(language: string): void {
    ipcRenderer.send(LANGUAGE_CHANNEL, String(language));
  },
});
