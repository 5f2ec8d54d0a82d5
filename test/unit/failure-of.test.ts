// The result every door answers for a thrown error (api/dispatcher.ts failureOf): a call that was
// under way when the database closed (the last session ended, a restore or a re-key) is told to try
// again, not given an unexpected INTERNAL.
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../electron/core/api/dispatcher.ts';

describe('failureOf', () => {
  const logged: unknown[] = [];
  const log = (_message: string, error: unknown) => void logged.push(error);

  it('answers a query on a database closed meanwhile with IO busy', () => {
    const result = failureOf('customers.list', new TypeError('The database connection is not open'), log);
    expect(result).toMatchObject({ ok: false, error: { code: 'IO', details: { reason: 'busy' } } });
    expect(result.ok ? '' : result.error.message).toMatch(/^customers\.list: the database was closed meanwhile/);
    expect(logged).toEqual([]);
  });

  it('still answers other unexpected errors with INTERNAL, logged', () => {
    const result = failureOf('customers.list', new TypeError('x is not a function'), log);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toHaveLength(1);
  });
});
