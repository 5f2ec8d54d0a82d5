// Every contract method × every role: the answer is FORBIDDEN exactly when the permission table
// says so. Generated from the contract and the table, so a new method without a sample input
// here fails to compile, and a new permission is tested without anyone remembering to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodInput, type MethodName } from '../../shared/api/contract.ts';
import { ROLES, roleHas, type Role } from '../../shared/roles.ts';
import { makeHarness, OWNER_PASSWORD, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

type Fixture = { customerId: number };

const SAMPLES: { [M in MethodName]: (role: Role, fixture: Fixture) => MethodInput<M> } = {
  'setup.status': () => ({}),
  'setup.create': () => ({ shopName: 'x', ownerUsername: 'someone', password: 'a-long-enough-password' }),
  'auth.signIn': (role) => ({ username: role === 'owner' ? 'boss' : role, password: role === 'owner' ? OWNER_PASSWORD : USER_PASSWORD }),
  'auth.signOut': () => ({}),
  'auth.session': () => ({}),
  'users.list': () => ({}),
  'users.create': (role) => ({ username: `new-${role}`, role: 'viewer', password: 'a-long-enough-password' }),
  'customers.list': () => ({ grade: 'vip', sort: 'grade' }),
  'customers.count': () => ({ stage: 'lead' }),
  'customers.facets': () => ({}),
  'customers.get': (_, f) => ({ id: f.customerId }),
  'customers.create': (role) => ({ name: `Made by ${role}` }),
  'customers.update': (role, f) => ({ id: f.customerId, version: 1, name: `Edited by ${role}` }),
  'customers.delete': (_, f) => ({ id: f.customerId, version: 999 }),
  'customers.restore': (_, f) => ({ id: f.customerId }),
  'customers.listDeleted': () => ({}),
  'search.query': () => ({ q: '张三' }),
  'system.status': () => ({}),
  'system.check': () => ({}),
  'system.seed': () => ({ customers: 3, seed: 9 }),
};

// Signing out ends the session the other calls need, so it goes last.
const METHODS = (Object.keys(contract) as MethodName[]).sort((a, b) => Number(a === 'auth.signOut') - Number(b === 'auth.signOut'));

describe('permission matrix', () => {
  let h: Harness;
  let fixture: Fixture;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    fixture = { customerId: (await h.call('owner', 'customers.create', { name: '张三科技' })).id };
  });
  afterAll(() => h.cleanup());

  for (const role of ROLES) {
    for (const method of METHODS) {
      const permission = contract[method].permission;
      const allowed = permission === 'public' || permission === 'signedIn' || roleHas(role, permission);
      it(`${role} → ${method}: ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        const input = (SAMPLES[method] as (r: Role, f: Fixture) => unknown)(role, fixture);
        const result = await h.raw(role, method, input);
        const code = result.ok ? 'OK' : result.error.code;
        if (allowed) expect(code, JSON.stringify(result)).not.toMatch(/^(FORBIDDEN|UNAUTHENTICATED|VALIDATION|INTERNAL)$/);
        else expect(code).toBe('FORBIDDEN');
      });
    }
  }

  it('refuses every non-public method without a session', async () => {
    for (const method of METHODS) {
      if (contract[method].permission === 'public') continue; // auth.signIn would sign "nobody" in
      const result = await h.raw('nobody', method, (SAMPLES[method] as (r: Role, f: Fixture) => unknown)('viewer', fixture));
      expect(result.ok ? 'OK' : result.error.code, method).toBe('UNAUTHENTICATED');
    }
  });

  it('has a permission for every method, and only known permissions', () => {
    for (const method of METHODS) expect(contract[method].permission, method).toBeTruthy();
  });

  it('refuses an unknown method', async () => {
    const result = await h.raw('owner', 'customers.dropAll', {});
    expect(result.ok ? 'OK' : result.error.code).toBe('NOT_FOUND');
  });
});
