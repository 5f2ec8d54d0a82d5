// The clock the command line gives its core.
//
// CLIENTELE_TEST_NOW is for tests ONLY. The integration tests run the core in-process on a fake,
// fixed clock and also start CLI, `serve` and fixture processes on the same data folder; those
// processes must read the same time, or a backup one of them just wrote looks days old to the other
// (a test that passes today and fails next week). The tests set it through `childEnv()` in
// test/integration/harness.ts. It holds milliseconds since 1970 and the clock stays at that instant,
// like the harness clock until the test moves it. Unset (every real use): the real clock, except
// under vitest (VITEST is set in its workers and in what they start): there a CLI started without
// the test's clock refuses to run, so that mistake fails today rather than on some later date.
export const TEST_NOW_VARIABLE = 'CLIENTELE_TEST_NOW';

export function cliClock(env: NodeJS.ProcessEnv = process.env): () => number {
  const fixed = env[TEST_NOW_VARIABLE];
  if (fixed === undefined || fixed === '') {
    if (env.VITEST) throw new Error(`${TEST_NOW_VARIABLE} is not set: a test starts the CLI with childEnv(clock) from test/integration/harness.ts`);
    return Date.now;
  }
  const now = Number(fixed);
  // A typo must not fall back to the real clock silently: that is the bug this variable prevents.
  if (!/^\d+$/.test(fixed) || !Number.isSafeInteger(now)) throw new Error(`${TEST_NOW_VARIABLE} must be milliseconds since 1970 (tests only), not "${fixed}"`);
  return () => now;
}
