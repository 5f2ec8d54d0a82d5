// Printing in the Electron app: the window showing a print view (features/print) prints itself,
// or renders itself to PDF and saves it where the user chooses. The page size and margins come from
// the view's CSS `@page` (A4): Electron's own page-size and margin options have had open bugs
// (Letter pages, ignored margins), so none are passed beyond asking Chromium to prefer the CSS.
// Only Electron's types are imported here, so a unit test drives it with stand-ins.
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue, WebContents, WebContentsPrintOptions } from 'electron';

export const PRINT_CHANNEL = 'clientele:print';

export type PrintAction = 'print' | 'pdf';

/** What the page learns: printed or saved, cancelled by the user, or failed (with Chromium's or the file system's reason). */
export type PrintOutcome = { outcome: 'printed' } | { outcome: 'saved'; path: string } | { outcome: 'cancelled' } | { outcome: 'failed'; reason: string };

export type PrintDeps = {
  window: BrowserWindow;
  contents: Pick<WebContents, 'print' | 'printToPDF'>;
  showSaveDialog: (window: BrowserWindow, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
};

/** The options printToPDF gets: the CSS decides the paper (A4) and the margins; backgrounds print (the result boxes' borders and shading). */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false } as const;
export const PRINT_OPTIONS: WebContentsPrintOptions = { silent: false, printBackground: true };

/**
 * A file name the page suggests, made safe for every system's save dialog: no folders, no
 * characters Windows refuses, not empty, at most 100 characters, ending in .pdf.
 */
export function pdfFileName(suggested: unknown): string {
  const base = (typeof suggested === 'string' ? suggested : '')
    .replace(/\.pdf$/i, '')
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 100);
  return `${base || 'clientele'}.pdf`;
}

function printWindow(contents: PrintDeps['contents']): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    contents.print(PRINT_OPTIONS, (success, failureReason) => {
      if (success) resolve({ outcome: 'printed' });
      // Chromium says 'Print job canceled' when the user closes its dialog.
      else if (/cancel/i.test(failureReason)) resolve({ outcome: 'cancelled' });
      else resolve({ outcome: 'failed', reason: failureReason });
    });
  });
}

async function saveAsPdf(deps: PrintDeps, fileName: string): Promise<PrintOutcome> {
  const data = await deps.contents.printToPDF(PDF_OPTIONS);
  const choice = await deps.showSaveDialog(deps.window, { defaultPath: fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (choice.canceled || !choice.filePath) return { outcome: 'cancelled' };
  await deps.writeFile(choice.filePath, data);
  return { outcome: 'saved', path: choice.filePath };
}

/** Prints or saves the print view the window shows; never throws (the page gets an outcome). */
export async function printView(deps: PrintDeps, action: unknown, suggestedName: unknown): Promise<PrintOutcome> {
  try {
    if (action === 'print') return await printWindow(deps.contents);
    if (action === 'pdf') return await saveAsPdf(deps, pdfFileName(suggestedName));
    return { outcome: 'failed', reason: 'unknown print action' };
  } catch (cause) {
    return { outcome: 'failed', reason: cause instanceof Error ? cause.message : String(cause) };
  }
}
