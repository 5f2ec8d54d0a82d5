import type { z } from 'zod';
import type { Access } from '../roles.ts';

export type MethodSpec<I extends z.ZodType, O extends z.ZodType> = {
  input: I;
  output: O;
  permission: Access;
};

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
