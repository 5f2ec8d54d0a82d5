import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// Paths are resolved from this file, so the build works whatever the current directory is.
const here = import.meta.dirname;

/** The dev server's React refresh preamble is an inline script, which the strict CSP forbids. */
const relaxCspInDev: Plugin = {
  name: 'clientele-relax-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
};

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build is loaded from file://, a custom protocol and http://127.0.0.1:PORT/.
  base: './',
  plugins: [react(), relaxCspInDev],
  build: {
    outDir: `${here}/../build/out/renderer`,
    emptyOutDir: true,
    // Chromium of Electron 45 and Debian; main.tsx uses top-level await.
    target: 'es2022',
    // The app is local-only; a big vendor chunk costs nothing over the network.
    chunkSizeWarningLimit: 4000,
  },
  server: { host: '127.0.0.1' },
});
