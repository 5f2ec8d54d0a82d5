// The Electron door's printing (electron/main/print.ts), driven with stand-ins for the window, its
// webContents and the save dialog: Electron cannot run here, so what it is asked is checked instead.
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { PDF_OPTIONS, pdfFileName, printView, type PrintDeps } from '../../electron/main/print.ts';

const WINDOW = {} as BrowserWindow; // never touched: only handed to the dialog stand-in

function deps(options: { printResult?: [boolean, string]; pdf?: Uint8Array | Error; chosen?: string | null; writeError?: Error } = {}) {
  const calls: { print: unknown[]; pdf: unknown[]; dialog: SaveDialogOptions[]; written: [string, Uint8Array][] } = { print: [], pdf: [], dialog: [], written: [] };
  const stand: PrintDeps = {
    window: WINDOW,
    contents: {
      print: (opts, callback) => {
        calls.print.push(opts);
        const [success, reason] = options.printResult ?? [true, ''];
        callback?.(success, reason);
      },
      printToPDF: async (opts) => {
        calls.pdf.push(opts);
        if (options.pdf instanceof Error) throw options.pdf;
        return Buffer.from(options.pdf ?? new TextEncoder().encode('%PDF-1.7'));
      },
    },
    showSaveDialog: async (win, opts) => {
      expect(win).toBe(WINDOW);
      calls.dialog.push(opts);
      const chosen = options.chosen === undefined ? '/home/me/sheet.pdf' : options.chosen;
      return chosen === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: chosen };
    },
    writeFile: async (path, data) => {
      if (options.writeError) throw options.writeError;
      calls.written.push([path, data]);
    },
  };
  return { stand, calls };
}

describe('Electron printing', () => {
  it('prints through the system dialog with backgrounds, no page size or margins of its own', async () => {
    const { stand, calls } = deps();
    expect(await printView(stand, 'print', 'x')).toEqual({ outcome: 'printed' });
    expect(calls.print).toEqual([{ silent: false, printBackground: true }]);
    expect(calls.pdf).toEqual([]);
  });

  it('tells a cancelled print dialog from a failed print', async () => {
    expect(await printView(deps({ printResult: [false, 'Print job canceled'] }).stand, 'print', 'x')).toEqual({ outcome: 'cancelled' });
    expect(await printView(deps({ printResult: [false, 'Print job failed'] }).stand, 'print', 'x')).toEqual({ outcome: 'failed', reason: 'Print job failed' });
  });

  it('saves a PDF sized by the CSS @page (A4) where the user chooses', async () => {
    const { stand, calls } = deps();
    expect(await printView(stand, 'pdf', '拜访单 2026-12-01')).toEqual({ outcome: 'saved', path: '/home/me/sheet.pdf' });
    expect(calls.pdf).toEqual([PDF_OPTIONS]);
    expect(PDF_OPTIONS).toMatchObject({ preferCSSPageSize: true, printBackground: true });
    expect(PDF_OPTIONS).not.toHaveProperty('pageSize');
    expect(PDF_OPTIONS).not.toHaveProperty('margins');
    expect(calls.dialog).toEqual([{ defaultPath: '拜访单 2026-12-01.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }]);
    expect(calls.written.map(([path, data]) => [path, new TextDecoder().decode(data)])).toEqual([['/home/me/sheet.pdf', '%PDF-1.7']]);
  });

  it('writes nothing when the save dialog is cancelled, and reports failures as outcomes', async () => {
    const cancelled = deps({ chosen: null });
    expect(await printView(cancelled.stand, 'pdf', 'x')).toEqual({ outcome: 'cancelled' });
    expect(cancelled.calls.written).toEqual([]);
    expect(await printView(deps({ pdf: new Error('render failed') }).stand, 'pdf', 'x')).toEqual({ outcome: 'failed', reason: 'render failed' });
    expect(await printView(deps({ writeError: new Error('EACCES: permission denied') }).stand, 'pdf', 'x')).toEqual({ outcome: 'failed', reason: 'EACCES: permission denied' });
    expect(await printView(deps().stand, 'fax', 'x')).toEqual({ outcome: 'failed', reason: 'unknown print action' });
  });

  it('makes the suggested file name safe for every system', () => {
    expect(pdfFileName('客户档案 杭州门骨科技')).toBe('客户档案 杭州门骨科技.pdf');
    expect(pdfFileName('a/b\\c:d*e?f"g<h>i|j.PDF')).toBe('a-b-c-d-e-f-g-h-i-j.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('-..-etc-passwd.pdf');
    expect(pdfFileName('line\nbreak')).toBe('line-break.pdf');
    expect(pdfFileName('')).toBe('clientele.pdf');
    expect(pdfFileName(42)).toBe('clientele.pdf');
    expect(pdfFileName('长'.repeat(300))).toBe(`${'长'.repeat(100)}.pdf`);
  });
});
