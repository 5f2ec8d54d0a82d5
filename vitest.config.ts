import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // argon2id is slow on purpose, and integration tests derive keys for several users.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
