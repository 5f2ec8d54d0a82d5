import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // One seed for every property test: see the file.
    setupFiles: ['test/fast-check-seed.ts'],
    // The CLI the tests start is bundled once per run (test/cli-bundle.ts: tsx in every process cost
    // seconds of CPU per command).
    globalSetup: ['test/cli-bundle.ts'],
    // argon2id is slow on purpose, integration tests derive keys for several users, and the CLI
    // tests start a process per command (about 3 s of CPU each to load the core through tsx, about
    // 1 s from the bundle): on a 2-core machine running two test files at once, 30 s was too tight
    // for the CLI files.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two test files at once even on a 2-core machine (vitest's default there is one: cores - 1):
    // most files wait on child processes, argon2 or the disk, so the second file uses the time the
    // first one waits; the suite ran ~20 min with one worker.
    maxWorkers: 2,
  },
});
