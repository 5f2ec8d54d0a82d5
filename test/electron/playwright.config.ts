import { defineConfig } from '@playwright/test';

// Playwright's Electron launcher on the bundled app (package.json "main"). Where the Electron
// binary is not installed, app.spec.ts reports its tests as skipped with the reason.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
});
