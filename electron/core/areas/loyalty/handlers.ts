// The loyalty programme's methods, seen through the caller's access (scope) at the core's clock.
// Every call first gives the once-a-day pass for all members (expiries, tiers) its chance to run:
// the first loyalty call of a local day runs it (ensureDailyPass).
import type { HandlerContext } from '../../api/context.ts';
import { access, db, type Handlers } from '../../api/handler-kit.ts';
import { checkLedger } from './ledger.ts';
import {
  adjust,
  ensureDailyPass,
  join,
  listCoupons,
  listMembers,
  listRewards,
  readLedger,
  readMember,
  readSettings,
  redeem,
  referral,
  saveReward,
  saveSettings,
  tierHistory,
  useCoupon,
  voidCoupon,
  type Actor,
} from './service.ts';

async function actor(ctx: HandlerContext): Promise<Actor> {
  const who = { ...(await access(ctx)), now: ctx.state.clock() };
  await ensureDailyPass(db(ctx), who.now);
  return who;
}

export const loyaltyHandlers = {
  'loyalty.settings': async (ctx) => {
    await actor(ctx);
    return readSettings(db(ctx));
  },
  'loyalty.saveSettings': async (ctx, input) => saveSettings(db(ctx), input, await actor(ctx)),
  'loyalty.rewards': async (ctx) => {
    await actor(ctx);
    return listRewards(db(ctx));
  },
  'loyalty.saveReward': async (ctx, input) => saveReward(db(ctx), input, await actor(ctx)),
  'loyalty.members': async (ctx, input) => listMembers(db(ctx), input, await actor(ctx)),
  'loyalty.member': async (ctx, input) => readMember(db(ctx), input.customerId, await actor(ctx)),
  'loyalty.ledger': async (ctx, input) => readLedger(db(ctx), input.customerId, input.cursor, input.limit, await actor(ctx)),
  'loyalty.tierHistory': async (ctx, input) => tierHistory(db(ctx), input.customerId, await actor(ctx)),
  'loyalty.coupons': async (ctx, input) => listCoupons(db(ctx), input.customerId, await actor(ctx)),
  'loyalty.join': async (ctx, input) => join(db(ctx), input.customerId, await actor(ctx)),
  'loyalty.adjust': async (ctx, input) => adjust(db(ctx), input, await actor(ctx)),
  'loyalty.redeem': async (ctx, input) => redeem(db(ctx), input, await actor(ctx)),
  'loyalty.useCoupon': async (ctx, input) => useCoupon(db(ctx), input.couponId, await actor(ctx)),
  'loyalty.voidCoupon': async (ctx, input) => voidCoupon(db(ctx), input.couponId, input.reason, await actor(ctx)),
  'loyalty.referral': async (ctx, input) => referral(db(ctx), input, await actor(ctx)),
  'loyalty.check': async (ctx) => checkLedger(db(ctx)),
} satisfies Partial<Handlers>;
