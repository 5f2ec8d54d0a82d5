// Small timing helpers for the benchmark: percentiles and interleaved measurement loops.

export type Stats = { medianMs: number; p95Ms: number; n: number };

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), n: sorted.length };
}

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Runs every variant once per round, round after round, so the variants share the machine's noise
 * (2 noisy cores here) instead of one variant getting a quiet minute and another a busy one.
 */
export async function interleaved(
  variants: Record<string, () => unknown>,
  options: { warmup: number; iterations: number },
): Promise<Record<string, Stats>> {
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < options.warmup + options.iterations; i++) {
    for (const name of names) {
      const started = performance.now();
      await variants[name]!(); // names come from the same object
      const elapsed = performance.now() - started;
      if (i >= options.warmup) samples[name]!.push(elapsed);
    }
  }
  return Object.fromEntries(names.map((name) => [name, stats(samples[name]!)]));
}

/** Times `work` on its own, `iterations` times after `warmup` untimed runs. */
export async function timed(work: () => unknown, options: { warmup: number; iterations: number }): Promise<Stats> {
  return (await interleaved({ work }, options)).work!;
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
