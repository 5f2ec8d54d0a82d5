// The lists of areas: every contract method is handled by exactly one core area, method names are
// unique across the contract's areas, and the audit vocabulary is gathered from them.
import { describe, expect, it } from 'vitest';
import { allHandlers, type Area } from '../../electron/core/areas/area.ts';
import { AREAS } from '../../electron/core/areas/index.ts';
import { AREAS as CONTRACT_AREAS, AUDIT_ACTIONS, contract } from '../../shared/api/contract.ts';

describe('areas', () => {
  it('handle every contract method exactly once', () => {
    expect(() => allHandlers(AREAS, Object.keys(contract))).not.toThrow();
  });

  it('refuse a method handled twice, a method nobody handles, and a handler outside the contract', () => {
    const handler = () => ({});
    const one: Area = { name: 'one', handlers: { 'system.check': handler } as unknown as Area['handlers'], countedTables: [] }; // stand-in handlers: only the method names matter here
    const two: Area = { name: 'two', handlers: { 'system.check': handler } as unknown as Area['handlers'], countedTables: [] }; // stand-in handlers: only the method names matter here
    expect(() => allHandlers([one, two], ['system.check'])).toThrow(/handled by two areas/);
    expect(() => allHandlers([one], ['system.check', 'system.status'])).toThrow(/no area handles system.status/);
    expect(() => allHandlers([one], [])).toThrow(/not in the contract/);
  });

  it('name each method in one contract area only', () => {
    const names = CONTRACT_AREAS.flatMap((area) => Object.keys(area.methods));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(contract).sort()).toEqual([...names].sort());
  });

  it('gather the audit vocabulary from every area, without duplicates', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(AUDIT_ACTIONS).toContain('customer.create');
    expect(AUDIT_ACTIONS).toContain('backup.restore');
  });

  it('count each table of users’ data once', () => {
    const tables = AREAS.flatMap((area) => area.countedTables);
    expect(new Set(tables).size).toBe(tables.length);
    expect(tables).toEqual(expect.arrayContaining(['users', 'customers']));
  });
});
