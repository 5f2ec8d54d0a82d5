// The renderer's data cache (renderer/src/app/query.ts): a refused call becomes the query's error
// as the core's error value, a write marks every answer stale, and signing out forgets them all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, type Result } from '../../shared/errors.ts';

const answers: Result<unknown>[] = [];
vi.mock('../../renderer/src/api/client.ts', () => ({
  invoke: vi.fn(async () => answers.shift() ?? { ok: false, error: { code: 'INTERNAL', message: 'test: no answer queued' } }),
}));

const { call, dataChanged, keyOf, queryClient } = await import('../../renderer/src/app/query.ts');
const { resetAppState } = await import('../../renderer/src/app/reset.ts');

describe('renderer query cache', () => {
  beforeEach(() => {
    // resetAppState() puts the address back to the start: give it one.
    vi.stubGlobal('location', { pathname: '/', search: '' });
    vi.stubGlobal('history', { replaceState: vi.fn() });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // logError's console line
  });
  afterEach(() => {
    queryClient.clear();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('gives the value of an accepted call', async () => {
    answers.push({ ok: true, value: { count: 3 } });
    await expect(call('customers.count', {})).resolves.toEqual({ count: 3 });
  });

  it('throws the core error value of a refused call, code and details kept', async () => {
    answers.push(fail('IO', 'customers.count: disk full', { reason: 'full' }));
    await expect(call('customers.count', {})).rejects.toMatchObject({ code: 'IO', message: 'customers.count: disk full', details: { reason: 'full' } });
  });

  it('keys a query by method and input, so different inputs never share an answer', () => {
    expect(keyOf('customers.get', { id: 1 })).toEqual(['customers.get', { id: 1 }]);
    queryClient.setQueryData(keyOf('customers.get', { id: 1 }), { name: 'one' });
    expect(queryClient.getQueryData(keyOf('customers.get', { id: 2 }))).toBeUndefined();
  });

  it('marks every answer stale after a write', async () => {
    queryClient.setQueryData(keyOf('customers.count', {}), { count: 3 });
    queryClient.setQueryData(keyOf('users.list', {}), []);
    dataChanged();
    await vi.waitFor(() => expect(queryClient.getQueryState(keyOf('users.list', {}))?.isInvalidated).toBe(true));
    expect(queryClient.getQueryState(keyOf('customers.count', {}))?.isInvalidated).toBe(true);
  });

  it('forgets every answer on sign-out and switching user', () => {
    queryClient.setQueryData(keyOf('customers.count', {}), { count: 3 });
    resetAppState();
    expect(queryClient.getQueryData(keyOf('customers.count', {}))).toBeUndefined();
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });
});
