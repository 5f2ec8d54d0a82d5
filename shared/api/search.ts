import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';
import { GRADES, Id } from './customers.ts';
import { SearchText } from '../search-query.ts';

/** The field of a customer a search matched: the result list shows name, code and phone anyway. */
export const MATCH_FIELDS = ['name', 'code', 'phone', 'email', 'contactName', 'contactPhone', 'contactEmail', 'wechat'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export const SearchHit = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  phone: z.string(),
  grade: z.enum(GRADES),
  /** Where the query matched, and that value as the caller may see it (masked for masked roles). */
  matchedIn: z.enum(MATCH_FIELDS),
  matchedText: z.string(),
  /** The contact whose name, phone, e-mail or WeChat ID matched, when the match was on a contact. */
  contactName: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const search = {
  /**
   * The best `limit` matches (exact name or code, then phone numbers ending with the digits, then
   * names beginning with the query, then the newest) and how many match in all; the customer list
   * with `q` shows every one of them.
   */
  'search.query': method({
    input: z.object({ q: SearchText, limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ hits: z.array(SearchHit), total: z.number().int().min(0) }),
    permission: 'customers.read',
  }),
};

export const searchArea = defineArea({ methods: search, auditEntities: [], auditActions: [] });
