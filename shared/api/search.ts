import { z } from 'zod';
import { method } from './method.ts';
import { GRADES, Id } from './customers.ts';

export const SearchHit = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  phone: z.string(),
  grade: z.enum(GRADES),
  /** The contact whose name, phone or email matched, when the match was on a contact. */
  contactName: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const search = {
  'search.query': method({
    input: z.object({ q: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ hits: z.array(SearchHit) }),
    permission: 'customers.read',
  }),
};
