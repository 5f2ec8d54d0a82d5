import type { Route } from '../../app/router.ts';

/**
 * Where "the record this visit created" opens. Until the records area offers a record's own page,
 * the customer's page, whose timeline lists the record (`isRecord` false says so in the link).
 */
export function recordLink(recordId: number, customerId: number): { route: Route; isRecord: boolean } {
  void recordId; // the record's own page takes it once there is one
  return { route: { name: 'customer', id: customerId }, isRecord: false };
}
