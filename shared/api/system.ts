import { z } from 'zod';
import { defineArea } from './area.ts';
import { method } from './method.ts';

export const Status = z.object({
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  cipher: z.string(),
  counts: z.record(z.string(), z.number().int()),
  files: z.record(z.string(), z.number().int()),
});
export type Status = z.infer<typeof Status>;

export const system = {
  'system.status': method({ input: z.object({}), output: Status, permission: 'system.status' }),
  'system.check': method({
    input: z.object({}),
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
    permission: 'system.check',
  }),
  /**
   * New database key; every remaining key slot is resealed to it (no passwords needed). Progress
   * events with job 'rekey'. Everyone else is signed out.
   */
  'system.rekey': method({ input: z.object({}), output: z.object({ ms: z.number() }), permission: 'system.rekey' }),
  /** Deterministic demo data for demos, benchmarks and tests. */
  'system.seed': method({
    input: z.object({
      customers: z.number().int().min(0).max(1_000_000).default(0),
      /** Service and communication records over the shop's customers (after the new ones are made). */
      records: z.number().int().min(0).max(1_000_000).default(0),
      /** Visit plans over the shop's customers and active staff, in the eight weeks around today. */
      visits: z.number().int().min(0).max(1_000_000).default(0),
      /** Satisfaction surveys over the shop's customers and active staff, in the two years before today. */
      surveys: z.number().int().min(0).max(200_000).default(0),
      /** Complaints over the shop's customers and active staff, opened in the year before today (most answered). */
      complaints: z.number().int().min(0).max(200_000).default(0),
      /** Sales over the shop's customers (about 2.2 lines each) in the 24 months before today, seasonal; a demo catalogue first when it is empty. */
      sales: z.number().int().min(0).max(1_000_000).default(0),
      seed: z.number().int().default(1),
    })
      // A seed that adds nothing is a mistake (`--customers 0`).
      .refine((input) => input.customers + input.records + input.visits + input.surveys + input.complaints + input.sales > 0, { path: ['customers'], message: 'required' }),
    output: z.object({ customers: z.number().int(), contacts: z.number().int(), contracts: z.number().int(), attachments: z.number().int(), records: z.number().int(), recordsMs: z.number(), visits: z.number().int(), surveys: z.number().int(), complaints: z.number().int(), sales: z.number().int(), saleLines: z.number().int(), ms: z.number() }),
    permission: 'system.seed',
  }),
};

export const systemArea = defineArea({ methods: system, auditEntities: ['system'], auditActions: ['system.rekey', 'system.seed'] });
