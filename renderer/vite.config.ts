import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin, ProxyOptions } from 'vite';
import { pdfjsAssets } from '../build/vite-pdfjs-assets.ts';

// Paths are resolved from this file, so the build works whatever the current directory is.
const here = import.meta.dirname;

/** The dev server's React refresh preamble is an inline script, which the strict CSP forbids. */
const relaxCspInDev: Plugin = {
  name: 'clientele-relax-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
};

/**
 * `npm run dev` (electron/launcher/dev.mjs) sets CLIENTELE_DEV_API to the `clientele serve` it
 * started; /api (invoke and the events stream) goes there. The server's own checks stay as they
 * are: the page still sends the launch token (from the `#token=` address dev.mjs prints), and only
 * what the browser sent to this dev server itself is re-addressed: Host becomes the server's
 * (changeOrigin), and an Origin naming this dev server becomes the server's origin. A foreign
 * Origin passes through unchanged, so the server refuses it as before; Vite refuses foreign Host
 * headers before the proxy (server.allowedHosts).
 */
function apiProxy(): Record<string, ProxyOptions> | undefined {
  const target = process.env.CLIENTELE_DEV_API;
  if (!target) return undefined;
  const targetOrigin = new URL(target).origin;
  return {
    '/api': {
      target: targetOrigin,
      changeOrigin: true,
      // Server-Sent Events: no buffering or timeouts on the long-lived stream.
      timeout: 0,
      proxyTimeout: 0,
      configure: (proxy) => {
        proxy.on('proxyReq', (proxyReq, req) => {
          const origin = req.headers.origin;
          if (origin !== undefined && origin === `http://${req.headers.host}`) proxyReq.setHeader('Origin', targetOrigin);
        });
      },
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build is loaded from file://, a custom protocol and http://127.0.0.1:PORT/.
  base: './',
  plugins: [react(), relaxCspInDev, pdfjsAssets(`${here}/../node_modules/pdfjs-dist`, `${here}/../build/out/renderer`)],
  build: {
    outDir: `${here}/../build/out/renderer`,
    emptyOutDir: true,
    // Chromium of Electron 45 and Debian; main.tsx uses top-level await.
    target: 'es2022',
    // The app is local-only; a big vendor chunk costs nothing over the network.
    chunkSizeWarningLimit: 4000,
  },
  server: { host: '127.0.0.1', proxy: apiProxy() },
});
