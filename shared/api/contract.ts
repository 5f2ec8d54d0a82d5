import type { z } from 'zod';
import { audit } from './audit.ts';
import { auth } from './auth.ts';
import { backup } from './backup.ts';
import { customers } from './customers.ts';
import { search } from './search.ts';
import { system } from './system.ts';

/** Every method of every door: name → { input schema, output schema, permission }. */
export const contract = { ...auth, ...customers, ...search, ...audit, ...backup, ...system };

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
