// Status, integrity check, demo data and re-keying.
import { transaction } from '../../db/database.ts';
import { appendAudit } from '../audit/service.ts';
import { seedDemoData } from '../customers/seed.ts';
import { seedRecords } from '../records/seed.ts';
import { seedVisits } from '../visits/seed.ts';
import { seedSurveys } from '../surveys/seed.ts';
import { seedComplaints } from '../complaints/seed.ts';
import { seedSales } from '../sales/seed.ts';
import { seedLoyalty } from '../loyalty/seed.ts';
import { seedCompetitors } from '../competitors/seed.ts';
import { seedEvents } from '../events/seed.ts';
import { seedNeeds } from '../needs/seed.ts';
import { seedStories } from '../stories/seed.ts';
import { systemCheck, systemStatus } from './service.ts';
import { listUsers } from '../users/service.ts';
import { runJob } from '../../jobs.ts';
import { rekeyInSteps } from './rekey.ts';
import { AppFailure } from '../../../../shared/errors.ts';
import type { HandlerContext } from '../../api/context.ts';
import { caller, db, holdAlone, type Handlers } from '../../api/handler-kit.ts';
import { release } from '../../process-lock.ts';
import { keyToHex } from '../../crypto/keys.ts';
import { databasePath } from '../../vault.ts';

/**
 * Re-keying rewrites the database file and seeding checkpoints into it: either would change the
 * file a running backup is copying as its snapshot.
 */
function refuseDuringBackup(ctx: HandlerContext): void {
  if (ctx.state.backupJob) throw new AppFailure('CONFLICT', 'a backup is being written; wait for it to finish', { reason: 'busy' });
}

export const systemHandlers = {
  'system.status': (ctx) => systemStatus(db(ctx), ctx.state.dataDir, ctx.state.countedTables),
  'system.check': (ctx) => systemCheck(db(ctx)),

  /**
   * A job (progress 'seed' in customers, cancellable): batches of about 30 ms, each its own
   * transaction, with the calls that arrived meanwhile answered between them. Not beside another
   * seed or a re-key. Cancelled, it keeps the batches committed (audited with their number) and
   * answers CANCELLED.
   */
  'system.seed': async (ctx, input) => {
    refuseDuringBackup(ctx);
    const database = db(ctx);
    const who = caller(ctx);
    const started = performance.now();
    return runJob(ctx.state, ctx.sessionKey, 'seed', { cancellable: true, company: 'once' }, async (job) => {
      job.progress(0, input.customers);
      const ownerIds = (await listUsers(database)).filter((user) => user.active && user.role !== 'viewer').map((user) => user.id);
      const location = { file: databasePath(ctx.state.dataDir), keyHex: keyToHex(ctx.state.unlocked!.key) }; // db(ctx) above: it is open
      const made = await seedDemoData(database, { customers: input.customers, seed: input.seed, now: ctx.state.clock(), ownerIds, actorId: who.userId, location }, job);
      const recordOptions = { records: input.records, seed: input.seed, now: ctx.state.clock(), actorId: who.userId, staffIds: ownerIds, location };
      const records = made.cancelled ? { records: 0, ms: 0, cancelled: true } : await seedRecords(database, recordOptions, job);
      // Visits go to the active staff members who can own customers (not viewers).
      const visitOptions = { visits: input.visits, seed: input.seed, now: ctx.state.clock(), actorId: who.userId, staffIds: ownerIds };
      const visits = made.cancelled || records.cancelled ? { visits: 0, ms: 0, cancelled: true } : await seedVisits(database, visitOptions, job);
      const surveyOptions = { surveys: input.surveys, seed: input.seed, now: ctx.state.clock(), actorId: who.userId, staffIds: ownerIds };
      const surveys = made.cancelled || records.cancelled || visits.cancelled ? { surveys: 0, ms: 0, cancelled: true } : await seedSurveys(database, surveyOptions, job);
      const complaintOptions = { complaints: input.complaints, seed: input.seed, now: ctx.state.clock(), actorId: who.userId, staffIds: ownerIds };
      const complaints = made.cancelled || records.cancelled || visits.cancelled || surveys.cancelled ? { complaints: 0, ms: 0, cancelled: true } : await seedComplaints(database, complaintOptions, job);
      const saleOptions = { sales: input.sales, seed: input.seed, now: ctx.state.clock(), actorId: who.userId, staffIds: ownerIds };
      const sales = made.cancelled || records.cancelled || visits.cancelled || surveys.cancelled || complaints.cancelled ? { sales: 0, lines: 0, ms: 0, cancelled: true } : await seedSales(database, saleOptions, job);
      // Competitors and their presence at the customers (sized from the customers there); skipped once the seed was cancelled.
      if (!made.cancelled && !sales.cancelled) await seedCompetitors(database, { seed: input.seed, now: ctx.state.clock(), actorId: who.userId });
      // Customer events with invitations, replies and attendance (once, when the shop has none); skipped once the seed was cancelled.
      if (!made.cancelled && !sales.cancelled) await seedEvents(database, { seed: input.seed, now: ctx.state.clock(), actorId: who.userId });
      // Needs of the customers (sized from the customers there, naming catalogue items and contacts); skipped once the seed was cancelled.
      if (!made.cancelled && !sales.cancelled) await seedNeeds(database, { seed: input.seed, now: ctx.state.clock(), actorId: who.userId });
      // Success stories of some VIP customers (those without one yet); skipped once the seed was cancelled.
      if (!made.cancelled && !sales.cancelled) await seedStories(database, { seed: input.seed, now: ctx.state.clock(), actorId: who.userId });
      // The loyalty programme with members and their ledger (once, when never set up); skipped once the seed was cancelled.
      if (!made.cancelled && !sales.cancelled) await seedLoyalty(database, { seed: input.seed, now: ctx.state.clock(), actorId: who.userId });
      // The seed commits in batches; its entry is chained under the write lock like any other.
      await transaction(database, (tx) =>
        appendAudit(tx, {
          at: ctx.state.clock(),
          userId: who.userId,
          username: who.username,
          action: 'system.seed',
          entity: 'system',
          changes: [
            { field: 'customers', before: null, after: made.customers },
            ...(records.records > 0 ? [{ field: 'records', before: null, after: records.records }] : []),
            ...(visits.visits > 0 ? [{ field: 'visits', before: null, after: visits.visits }] : []),
            ...(surveys.surveys > 0 ? [{ field: 'surveys', before: null, after: surveys.surveys }] : []),
            ...(complaints.complaints > 0 ? [{ field: 'complaints', before: null, after: complaints.complaints }] : []),
            ...(sales.sales > 0 ? [{ field: 'sales', before: null, after: sales.sales }] : []),
          ],
        }),
      );
      if (made.cancelled || records.cancelled || visits.cancelled || surveys.cancelled || complaints.cancelled || sales.cancelled) {
        // Only what was asked for is named: `after 1200 customers; those stay`.
        const also = [...(input.records > 0 ? [`${records.records} records`] : []), ...(input.visits > 0 ? [`${visits.visits} visits`] : []), ...(input.surveys > 0 ? [`${surveys.surveys} surveys`] : []), ...(input.complaints > 0 ? [`${complaints.complaints} complaints`] : []), ...(input.sales > 0 ? [`${sales.sales} sales`] : [])];
        throw new AppFailure('CANCELLED', `the seed was cancelled after ${made.customers} customers${also.map((part) => `, ${part}`).join('')}; those stay`);
      }
      return { customers: made.customers, contacts: made.contacts, contracts: made.contracts, attachments: made.attachments, records: records.records, recordsMs: records.ms, visits: visits.visits, surveys: surveys.surveys, complaints: complaints.complaints, sales: sales.sales, saleLines: sales.lines, ms: Math.round(performance.now() - started) };
    });
  },

  /**
   * A new database key, only while no other process (and no other core) has the folder open. A job
   * (progress 'rekey', cancellable until the swap): reads are answered while it runs, writes are busy.
   */
  'system.rekey': async (ctx) => {
    refuseDuringBackup(ctx);
    const who = caller(ctx);
    // Another process with the database open would be left with a connection under the old key.
    const alone = holdAlone(ctx.state, 'rekey');
    try {
      // Alone: the swap closes the connection every other job reads through.
      return await runJob(ctx.state, ctx.sessionKey, 'rekey', { cancellable: true, company: 'alone' }, (job) => rekeyInSteps(ctx, who, job));
    } finally {
      release(alone);
    }
  },
} satisfies Partial<Handlers>;
