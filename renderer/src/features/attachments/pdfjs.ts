// pdf.js for the PDF preview, loaded on first use (it is large; most sessions never open a PDF).
// Its character maps, standard fonts, colour profiles and image decoders ship with the app
// (renderer/vite.config.ts copies them to `pdfjs/` beside index.html): without the maps a Chinese
// PDF whose fonts are not embedded shows no text. Nothing is fetched from outside the app.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/** The folder beside index.html, as an absolute URL (pdf.js resolves these in its worker). */
const assets = (folder: string) => new URL(`pdfjs/${folder}/`, document.baseURI).href;

export type OpenPdf = { pdf: PDFDocumentProxy; close: () => Promise<void> };

/**
 * Opens a PDF from its bytes (decrypted by the core, fetched into memory: never a file on disk).
 * `close` ends its worker and frees its memory.
 */
export async function openPdf(data: Uint8Array): Promise<OpenPdf> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const task = pdfjs.getDocument({
    data,
    cMapUrl: assets('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assets('standard_fonts'),
    iccUrl: assets('iccs'),
    // The app's CSP allows no WebAssembly compilation: the image decoders (JPEG 2000, JBIG2 in
    // scans) then load their JavaScript builds from the same folder, so they still work.
    wasmUrl: assets('wasm'),
    // XFA forms are not shown: the preview shows pages, nothing more.
    enableXfa: false,
  });
  try {
    return { pdf: await task.promise, close: () => task.destroy() };
  } catch (error) {
    await task.destroy();
    throw error;
  }
}
