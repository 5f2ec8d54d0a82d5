import { defineConfig } from '@playwright/test';

// Browser mode against the real core on a temp data dir, in Debian's Chromium (Playwright cannot
// download its own browser here). Screenshots of each screen are kept in test/artifacts/e2e.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // The CLI (`clientele serve` for each test, `cli()` in the fixtures) starts from a bundle built
  // at the start of the run (test/cli-bundle.ts), not through tsx in every process.
  globalSetup: '../cli-bundle.ts',
  outputDir: '../../test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
