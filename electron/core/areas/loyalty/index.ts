import type { Area } from '../area.ts';
import { loyaltyHandlers } from './handlers.ts';

export const loyaltyArea: Area = {
  name: 'loyalty',
  handlers: loyaltyHandlers,
  countedTables: ['loyalty_members', 'points_ledger', 'loyalty_coupons'],
};
