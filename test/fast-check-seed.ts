// Property tests (fast-check) draw their cases from one fixed seed, so CI runs the same cases every
// time and a red run can be replayed: a random seed once turned CI red on a case no one had run
// before. To explore new cases locally, set FC_SEED (any integer) and FC_RUNS (cases per property):
//   FC_SEED=$RANDOM FC_RUNS=5000 npx vitest run test/unit/duplicate-keys.test.ts
// and turn each counterexample found into a fixed test case beside the property.
import fc from 'fast-check';

fc.configureGlobal({
  seed: Number(process.env.FC_SEED ?? 20261202),
  ...(process.env.FC_RUNS ? { numRuns: Number(process.env.FC_RUNS) } : {}),
});
