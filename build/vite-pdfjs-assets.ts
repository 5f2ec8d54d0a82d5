// A build-time plugin of the renderer's vite config (renderer/vite.config.ts): it runs in Node while
// the renderer is built or served, never in the page, so it lives with the build tooling.
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * pdf.js (the attachments' PDF preview) needs its character maps (Chinese PDFs whose fonts are not
 * embedded show no text without them), its standard fonts, colour profiles and image decoders as
 * files beside the app: shipped offline in the build as `pdfjs/<folder>/`, served from
 * node_modules by the dev server. The features/attachments/pdfjs.ts points the options at them.
 */
const PDFJS_ASSETS = ['cmaps', 'standard_fonts', 'iccs', 'wasm'] as const;
// QuickJS runs a PDF's own scripts, which the preview never does: not shipped.
const PDFJS_SKIPPED = /quickjs/i;

/** The plugin, with pdfjs-dist's folder and the build's default output folder. */
export function pdfjsAssets(pdfjsDir: string, defaultOutDir: string): Plugin {
  const PDFJS_DIR = path.resolve(pdfjsDir);
  return {
    name: 'clientele-pdfjs-assets',
    writeBundle(options) {
      const outDir = options.dir ?? defaultOutDir;
      for (const folder of PDFJS_ASSETS) {
        cpSync(path.join(PDFJS_DIR, folder), path.join(outDir, 'pdfjs', folder), { recursive: true, filter: (source) => !PDFJS_SKIPPED.test(source) });
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const [folder, ...rest] = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/+/, '').split('/');
        const file = path.join(PDFJS_DIR, folder ?? '', ...rest);
        const allowed = (PDFJS_ASSETS as readonly string[]).includes(folder ?? '') && !rest.includes('..') && file.startsWith(PDFJS_DIR + path.sep);
        if (!allowed || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}
