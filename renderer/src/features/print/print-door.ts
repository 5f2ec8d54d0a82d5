// How a print view reaches paper. In the Electron app the preload offers printView: the main
// process prints the window (the system dialog) or saves it as a PDF through a save dialog
// (electron/main/print.ts). In browser mode Chromium's own print dialog does both: its "Save as
// PDF" destination is the PDF, named after the page's title.

export type PrintAction = 'print' | 'pdf';

/** What came of it: printed or saved (with where), cancelled, failed; 'dialog' = the browser's dialog was shown (it does not say what the user chose). */
export type PrintOutcome = { outcome: 'printed' } | { outcome: 'saved'; path: string } | { outcome: 'cancelled' } | { outcome: 'failed'; reason: string } | { outcome: 'dialog' };

type PrintBridge = { printView?: (action: PrintAction, fileName: string) => Promise<unknown> };

function bridge(): PrintBridge | null {
  return (window.clientele as PrintBridge | undefined) ?? null; // the preload's printView, when it offers one
}

/** True in the Electron app (its preload offers printView): "Save as PDF" saves a file directly. */
export function printsThroughApp(): boolean {
  return typeof bridge()?.printView === 'function';
}

function outcomeOf(answer: unknown): PrintOutcome {
  if (typeof answer !== 'object' || answer === null) return { outcome: 'failed', reason: 'no answer' };
  const value = answer as { outcome?: unknown; path?: unknown; reason?: unknown }; // checked field by field below
  if (value.outcome === 'printed' || value.outcome === 'cancelled') return { outcome: value.outcome };
  if (value.outcome === 'saved' && typeof value.path === 'string') return { outcome: 'saved', path: value.path };
  return { outcome: 'failed', reason: typeof value.reason === 'string' ? value.reason : 'unknown' };
}

/** Prints the view on screen, or saves it as a PDF named `fileName` (without .pdf); never throws. */
export async function printDocument(action: PrintAction, fileName: string): Promise<PrintOutcome> {
  const app = bridge()?.printView;
  if (app) {
    try {
      return outcomeOf(await app(action, fileName));
    } catch (cause) {
      return { outcome: 'failed', reason: cause instanceof Error ? cause.message : String(cause) };
    }
  }
  // The browser's dialog offers every printer and "Save as PDF"; it suggests the page's title (the
  // print view sets it to the file name while it is shown) as the file name.
  window.print();
  return { outcome: 'dialog' };
}
