import { z } from 'zod';

/**
 * What people type into a search box (the global search and the customer list's `q` filter).
 * Control characters (a pasted NUL) are refused with a message rather than searched for.
 */
export const SearchText = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'controlCharacter' });
