// Every contract method × every role × the staff-scope setting off and on: the answer is FORBIDDEN
// exactly when the permission table says so. Generated from the contract and the table, so a new
// method without a sample input here fails to compile, and a new permission is tested without
// anyone remembering to.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract, type MethodInput, type MethodName } from '../../shared/api/contract.ts';
import { ROLES, roleHas, type Role } from '../../shared/roles.ts';
import { codeOf, INITIAL_PASSWORD, makeHarness, OWNER_PASSWORD, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

type Fixture = {
  /** A customer each role may touch under every row-level rule: created by that role (the owner for viewers) and theirs. */
  customerIds: Record<Role, number>;
  /** A contract of that customer, created by the same role (the owner for viewers). */
  contractIds: Record<Role, number>;
  /** A user the samples aim at; the stale version keeps them from changing anything. */
  targetUserId: number;
  staffScope: boolean;
  /** Each role's own user (boss for the owner): a staff member under the scope prints only their own visit sheet. */
  userIds: Record<Role, number>;
  /** A competitor of the register, for presence samples. */
  competitorId: number;
};

const STALE = 999;

// Every sample either changes nothing (stale versions, wrong secrets) or changes only what the
// next sample does not depend on, so the matrix runs in one data dir.
const SAMPLES: { [M in MethodName]: (role: Role, fixture: Fixture) => MethodInput<M> } = {
  'setup.status': () => ({}),
  'setup.create': () => ({ shopName: 'x', ownerUsername: 'someone', password: 'a-long-enough-password' }),
  'auth.signIn': (role) => ({ username: role === 'owner' ? 'boss' : role, password: role === 'owner' ? OWNER_PASSWORD : USER_PASSWORD }),
  'auth.signOut': () => ({}),
  'auth.session': () => ({}),
  'setup.pendingRecoveryKey': () => ({}),
  'setup.acknowledgeRecoveryKey': () => ({}),
  'auth.changePassword': () => ({ oldPassword: 'not-the-old-password', newPassword: 'a-long-enough-password' }),
  'auth.recover': () => ({ username: 'nobody-here', recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', newPassword: 'a-long-enough-password' }),
  'settings.get': () => ({}),
  'settings.update': (_, f) => ({ staffScope: f.staffScope }),
  // Standards: a stale version (CONFLICT for the owner); a day put back to the built-in calendar that was never corrected changes nothing.
  'standards.get': () => ({}),
  'standards.update': () => ({ version: STALE, workingDays: true }),
  'standards.calendar': () => ({ year: 2026 }),
  'standards.setDay': () => ({ day: '2026-10-08', kind: null }),
  // An upload nobody staged: NOT_FOUND for whoever may ask, FORBIDDEN for the others.
  'files.preview': () => ({ file: { upload: 'A'.repeat(22) } }),
  'logo.get': () => ({}),
  'logo.set': () => ({ file: { upload: 'A'.repeat(22) } }),
  'logo.remove': () => ({}),
  'users.list': () => ({}),
  'users.create': (role) => ({ username: `new-${role}`, role: 'viewer', password: 'a-long-enough-password' }),
  'users.setRole': (_, f) => ({ id: f.targetUserId, version: STALE, role: 'manager' }),
  'users.resetPassword': (_, f) => ({ id: f.targetUserId, newPassword: INITIAL_PASSWORD }),
  'users.deactivate': (_, f) => ({ id: f.targetUserId, version: STALE }),
  'users.reactivate': (_, f) => ({ id: f.targetUserId, version: STALE, newPassword: INITIAL_PASSWORD }),
  'customers.list': () => ({ grade: 'vip', sort: 'grade' }),
  'customers.count': () => ({ stage: 'lead' }),
  'customers.facets': () => ({}),
  'customers.get': (role, f) => ({ id: f.customerIds[role] }),
  'customers.create': (role) => ({ name: `Made by ${role}` }),
  'customers.update': (role, f) => ({ id: f.customerIds[role], version: 1, name: `Edited by ${role}` }),
  'customers.delete': (role, f) => ({ id: f.customerIds[role], version: STALE }),
  'customers.restore': (role, f) => ({ id: f.customerIds[role] }),
  'customers.listDeleted': () => ({}),
  'customers.purge': (role, f) => ({ id: f.customerIds[role] }),
  // Changes nothing: the fixture's customers all have someone responsible.
  'customers.unassigned': () => ({}),
  'customers.assignUnassigned': () => ({ othersTo: null }),
  // The fixture's customers carry no tags: tag changes are NOT_FOUND where allowed.
  'tags.list': () => ({ sort: 'name' }),
  'tags.rename': () => ({ id: 1, version: STALE, name: 'x' }),
  'tags.merge': () => ({ into: { id: 1, version: STALE }, tags: [{ id: 2, version: STALE }] }),
  'tags.setColor': () => ({ id: 1, version: STALE, color: 'red' }),
  'tags.delete': () => ({ id: 1, version: STALE }),
  'tags.colors': () => ({ names: ['x'] }),
  // Contract changes aim at the role's own contract with a stale version (CONFLICT where allowed);
  // a new contract goes to the role's own customer.
  'contracts.list': () => ({ status: 'expiring', sort: 'end' }),
  'contracts.summary': () => ({ type: 'sales' }),
  'contracts.get': (role, f) => ({ id: f.contractIds[role] }),
  'contracts.create': (role, f) => ({ number: `NEW-${role}`, title: 'x', customerId: f.customerIds[role] }),
  'contracts.update': (role, f) => ({ id: f.contractIds[role], version: STALE, number: `HT-${role}`, title: 'x', customerId: f.customerIds[role] }),
  'contracts.terminate': (role, f) => ({ id: f.contractIds[role], version: STALE, on: '2026-12-01', reason: '' }),
  'contracts.delete': (role, f) => ({ id: f.contractIds[role], version: STALE }),
  'contracts.restore': (role, f) => ({ id: f.contractIds[role] }),
  'contracts.listDeleted': () => ({}),
  'contracts.suggestNumber': () => ({}),
  'contracts.expiringCount': () => ({}),
  // Records of the role's own customer: a new one made where allowed; the rest aim at one that does not exist (NOT_FOUND where allowed).
  'records.list': () => ({ kind: 'service' }),
  'records.followUps': () => ({}),
  'records.get': () => ({ id: 999 }),
  'records.create': (role, f) => ({ customerId: f.customerIds[role], kind: 'communication', at: Date.UTC(2026, 10, 30), staffId: null, content: `记录 of ${role}`, channel: 'phone' }),
  'records.update': () => ({ id: 999, version: STALE, kind: 'communication', at: Date.UTC(2026, 10, 30), content: 'x', channel: 'phone' }),
  'records.followUpDone': () => ({ id: 999, version: STALE }),
  'records.delete': () => ({ id: 999, version: STALE }),
  'records.restore': () => ({ id: 999 }),
  'records.purge': () => ({ id: 999 }),
  'records.listDeleted': () => ({}),
  'timeline.list': (role, f) => ({ customerId: f.customerIds[role] }),
  // Prints aim at the role's own visit sheet and customer, and at a record that does not exist (NOT_FOUND where allowed).
  'print.visitSheet': (role, f) => ({ staffId: f.userIds[role], from: '2026-12-01', to: '2026-12-07' }),
  'print.customerProfile': (role, f) => ({ customerId: f.customerIds[role] }),
  'print.serviceReport': () => ({ recordId: 999 }),
  // Visits: the role's own agenda and a visit to its own customer; the rest aim at a visit that does not exist (NOT_FOUND where allowed).
  'visits.agenda': (role, f) => ({ from: '2026-12-01', to: '2026-12-07', staffId: f.userIds[role] }),
  'visits.get': () => ({ id: 999 }),
  'visits.create': (role, f) => ({ customerId: f.customerIds[role], staffId: f.userIds[role], onDay: '2026-12-02', startMinute: 600, purpose: `Visit by ${role}` }),
  'visits.update': (role, f) => ({ id: 999, version: STALE, customerId: f.customerIds[role], staffId: f.userIds[role], onDay: '2026-12-02', startMinute: 600, purpose: 'x' }),
  'visits.reschedule': () => ({ id: 999, version: STALE, onDay: '2026-12-03', startMinute: 540 }),
  'visits.setStatus': () => ({ id: 999, version: STALE, status: 'postponed' }),
  'visits.complete': () => ({ id: 999, version: STALE, outcome: 'x', record: { kind: 'communication', channel: 'visit' } }),
  'visits.delete': () => ({ id: 999, version: STALE }),
  'visits.restore': () => ({ id: 999 }),
  'visits.list': (role, f) => ({ staffId: f.userIds[role], from: '2026-01-01', to: '2026-12-31' }),
  'visits.count': (role, f) => ({ staffId: f.userIds[role] }),
  // The dashboard: reports.read (staff too, scoped to their customers when the setting is on).
  'dashboard.get': () => ({}),
  // The printed dashboard needs `print` (staff have it); the .xlsx needs data.export (dashboard-export.test.ts).
  'dashboard.export': () => ({ format: 'pdf' }),
  // Today in the role's default scope (staff: mine); marks aim at a visit that does not exist (NOT_FOUND where allowed).
  'today.get': () => ({}),
  'today.counts': () => ({}),
  'today.mark': () => ({ kind: 'visit', refId: 999, occurrence: '2026-12-02', snoozeUntil: '2100-01-01' }),
  'today.unmark': () => ({ kind: 'visit', refId: 999, occurrence: '2026-12-02' }),
  // Survey changes aim at a survey that does not exist (NOT_FOUND where allowed); a new one (no low score) goes to the role's own customer.
  'surveys.list': () => ({ staffId: 1 }),
  'surveys.get': () => ({ id: 999 }),
  'surveys.create': (role, f) => ({ customerId: f.customerIds[role], at: Date.UTC(2026, 10, 30), scores: [{ dimensionId: 1, score: 5 }], nps: 10 }),
  'surveys.update': () => ({ id: 999, version: STALE, at: Date.UTC(2026, 10, 30), nps: 9 }),
  'surveys.delete': () => ({ id: 999, version: STALE }),
  'surveys.restore': () => ({ id: 999 }),
  'surveys.purge': () => ({ id: 999 }),
  'surveys.listDeleted': () => ({}),
  'surveys.trends': () => ({ from: '2026-01', to: '2026-12' }),
  'surveys.dimensions': () => ({}),
  'surveys.saveDimension': () => ({ id: 999, name: 'x', version: STALE }),
  'surveys.retireDimension': () => ({ id: 999, retired: true }),
  // Complaint changes aim at a complaint that does not exist (NOT_FOUND where allowed); a new one goes to the role's own customer.
  'complaints.list': () => ({ status: 'overdue', severity: 'high' }),
  'complaints.counts': () => ({}),
  'complaints.get': () => ({ id: 999 }),
  'complaints.create': (role, f) => ({ customerId: f.customerIds[role], category: 'service', severity: 'medium', description: `投诉 by ${role}`, source: 'phone', assigneeId: null }),
  'complaints.update': () => ({ id: 999, version: STALE, severity: 'high' }),
  'complaints.setStatus': () => ({ id: 999, version: STALE, status: 'inProgress' }),
  'complaints.delete': () => ({ id: 999, version: STALE }),
  'complaints.restore': () => ({ id: 999 }),
  'complaints.purge': () => ({ id: 999 }),
  'complaints.listDeleted': () => ({}),
  'care.upcoming': () => ({ from: '2026-12-01', days: 31 }),
  'care.getNote': () => ({ id: 999 }),
  'care.addNote': (role, f) => ({ customerId: f.customerIds[role], occasion: 'other', onDay: '2026-12-02', note: `关怀 by ${role}` }),
  'care.deleteNote': () => ({ id: 999, version: STALE }),
  'care.restoreNote': () => ({ id: 999 }),
  'search.query': () => ({ q: '张三' }),
  'audit.list': () => ({ action: 'auth.signIn' }),
  'audit.entry': () => ({ id: 1 }),
  'audit.verify': () => ({}),
  'audit.export': () => ({ entity: 'customer' }),
  'system.status': () => ({}),
  'system.check': () => ({}),
  'system.seed': () => ({ customers: 3, seed: 9 }),
  'system.rekey': () => ({}),
  // Files and folders that do not exist: allowed calls fail with NOT_FOUND or IO and change nothing.
  'backup.create': () => ({ folder: '/nonexistent-clientele-folder/sub' }),
  'backup.cancel': () => ({}),
  // No job of the caller's is running: nothing to cancel, for every role.
  'jobs.cancel': () => ({ job: 'seed' }),
  'backup.verify': () => ({ file: '/nonexistent-clientele-folder/x.clbak', credentials: { username: 'boss', password: OWNER_PASSWORD } }),
  'backup.restore': () => ({ file: '/nonexistent-clientele-folder/x.clbak', credentials: { username: 'boss', password: OWNER_PASSWORD } }),
  'backup.list': () => ({}),
  'backup.status': () => ({}),
  'backup.getSettings': () => ({}),
  'backup.updateSettings': () => ({ reminderDays: 7 }),
  'setup.verifyBackup': () => ({ file: '/nonexistent-clientele-folder/x.clbak', credentials: { username: 'boss', password: OWNER_PASSWORD } }),
  'setup.restore': () => ({ file: '/nonexistent-clientele-folder/x.clbak', credentials: { username: 'boss', password: OWNER_PASSWORD } }),
  // The role's own customer's files (none): listed where allowed; the rest aim at a file that does not exist (NOT_FOUND where allowed).
  'attachments.list': (role, f) => ({ owner: { kind: 'customer', id: f.customerIds[role] } }),
  'attachments.add': (role, f) => ({ owner: { kind: 'customer', id: f.customerIds[role] }, file: { upload: 'A'.repeat(22) } }),
  'attachments.preview': () => ({ id: 999 }),
  'attachments.saveCopy': () => ({ id: 999 }),
  'attachments.update': () => ({ id: 999, version: STALE, name: 'x.txt', description: '' }),
  'attachments.delete': () => ({ id: 999, version: STALE }),
  'attachments.restore': () => ({ id: 999 }),
  'attachments.purge': () => ({ id: 999 }),
  'attachments.verify': () => ({}),
  // Duplicates: a merge, undo or dismissal aimed at a customer or merge that is not there (NOT_FOUND where allowed).
  // Export: the whole customers list as CSV (data.export: owner and manager).
  'exports.run': () => ({ entity: 'customers', format: 'csv' }),
  'duplicates.find': () => ({}),
  'duplicates.dismiss': (role, f) => ({ ids: [f.customerIds[role], 999_999] }),
  'duplicates.merge': (role, f) => ({ keep: f.customerIds[role], merge: 999_999, version: { keep: STALE, merge: STALE } }),
  'duplicates.merges': () => ({}),
  'duplicates.undoMerge': () => ({ merge: 999_999 }),
  // Imports: an upload nobody staged (NOT_FOUND where allowed), a batch that does not exist.
  'imports.inspect': () => ({ file: { upload: 'A'.repeat(22) }, kind: 'customers' }),
  'imports.preview': () => ({ file: { upload: 'A'.repeat(22) }, kind: 'customers', mapping: { headerRow: 1, columns: { name: 0 } } }),
  'imports.run': () => ({ file: { upload: 'A'.repeat(22) }, kind: 'customers', mapping: { headerRow: 1, columns: { name: 0 } } }),
  'imports.list': () => ({}),
  'imports.undo': () => ({ batch: 999 }),
  // Grading (owner only): settings written back as they are, an empty proposal for the owner; the rest aim at a proposal that does not exist.
  'grading.settings': () => ({}),
  'grading.updateSettings': () => ({ currency: 'CNY', cutoffs: { a: 70, b: 20 }, monthly: true, rules: [{ abc: null, minR: null, minF: null, minM: null, grade: 'normal' }] }),
  'grading.propose': () => ({}),
  'grading.current': () => ({}),
  'grading.get': () => ({ id: 999 }),
  'grading.proposals': () => ({}),
  'grading.items': () => ({ proposalId: 999 }),
  'grading.decide': () => ({ proposalId: 999, customerIds: 'all', decision: 'accepted' }),
  'grading.apply': () => ({ proposalId: 999 }),
  'grading.discard': () => ({ proposalId: 999 }),
  // Churn: list and settings read; a dismissal of a warning the customer does not have (CONFLICT where allowed); k written back as it is (grading.manage).
  'churn.list': () => ({}),
  'churn.dismiss': (role, f) => ({ customerId: f.customerIds[role], rule: 'contract', reason: 'x' }),
  'churn.settings': () => ({}),
  'churn.setSettings': () => ({ k: 2 }),
  // Staff performance: everyone's figures (staff are answered for themselves).
  'performance.get': () => ({ staffId: 'all', from: '2026-01-01', to: '2026-11-30' }),
  // Sales: a catalogue item that does not exist (NOT_FOUND where allowed), a new one named per role;
  // a sale of the role's own customer; edits, deletes and restores aimed at a sale that does not exist.
  'catalogue.list': () => ({}),
  'catalogue.create': (role, f) => ({ name: `目录 ${role} ${f.staffScope}`, priceMinor: 100 }),
  'catalogue.update': () => ({ id: 999_999, version: STALE }),
  'catalogue.setActive': () => ({ id: 999_999, version: STALE, active: false }),
  'sales.list': () => ({ month: '2026-11', q: '茶' }),
  'sales.count': () => ({ currency: 'CNY' }),
  'sales.get': () => ({ id: 999_999 }),
  'sales.create': (role, f) => ({ customerId: f.customerIds[role], soldOn: '2026-11-30', lines: [{ name: '茶', quantityMilli: 1000, unitPriceMinor: 100 }] }),
  'sales.update': (role, f) => ({ id: 999_999, version: STALE, customerId: f.customerIds[role], soldOn: '2026-11-30', lines: [{ name: '茶', quantityMilli: 1000, unitPriceMinor: 100 }] }),
  'sales.delete': () => ({ id: 999_999 }),
  'sales.restore': () => ({ id: 999_999 }),
  'sales.check': () => ({}),
  // Loyalty (the programme is on, set up below): each role's customer joins and gets a correction; set-up with a stale
  // version (CONFLICT); a reward, coupons and a referred customer that do not exist (NOT_FOUND).
  'loyalty.settings': () => ({}),
  'loyalty.saveSettings': () => ({ version: STALE, settings: { tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } }),
  'loyalty.rewards': () => ({}),
  'loyalty.saveReward': () => ({ id: 999_999, version: STALE, name: '奖品', points: 10 }),
  'loyalty.members': () => ({ q: '茶' }),
  'loyalty.member': (role, f) => ({ customerId: f.customerIds[role] }),
  'loyalty.ledger': (role, f) => ({ customerId: f.customerIds[role] }),
  'loyalty.tierHistory': (role, f) => ({ customerId: f.customerIds[role] }),
  'loyalty.coupons': (role, f) => ({ customerId: f.customerIds[role] }),
  'loyalty.join': (role, f) => ({ customerId: f.customerIds[role] }),
  'loyalty.adjust': (role, f) => ({ customerId: f.customerIds[role], points: 5, reason: '补录' }),
  'loyalty.redeem': (role, f) => ({ customerId: f.customerIds[role], rewardId: 999_999 }),
  'loyalty.useCoupon': () => ({ couponId: 999_999 }),
  'loyalty.voidCoupon': () => ({ couponId: 999_999, reason: '作废' }),
  'loyalty.referral': (role, f) => ({ customerId: f.customerIds[role], referredId: 999_999 }),
  'loyalty.check': () => ({}),
  // Needs: a need noted at the role's own customer; changes aimed at a need that does not exist (NOT_FOUND where allowed).
  'needs.list': () => ({ status: 'open', q: '维保' }),
  'needs.count': () => ({ kind: 'service', neededFrom: '2026-10-01', neededTo: '2026-12-31' }),
  'needs.get': () => ({ id: 999_999 }),
  'needs.create': (role, f) => ({ customerId: f.customerIds[role], kind: 'pain', title: '打印慢' }),
  'needs.update': () => ({ id: 999_999, version: STALE, kind: 'pain', title: '打印慢' }),
  'needs.setStatus': () => ({ id: 999_999, version: STALE, status: 'met' }),
  'needs.delete': () => ({ id: 999_999, version: STALE }),
  'needs.restore': () => ({ id: 999_999 }),
  // Competitors: one that does not exist (NOT_FOUND / VALIDATION where allowed), a new one named per role and scope.
  'competitors.list': () => ({ includeRetired: true }),
  'competitors.get': () => ({ id: 999_999 }),
  'competitors.create': (role, f) => ({ name: `对手 ${role} ${f.staffScope}` }),
  'competitors.update': () => ({ id: 999_999, version: STALE }),
  'competitors.setActive': () => ({ id: 999_999, version: STALE, active: false }),
  'competitors.customers': () => ({ competitorId: 999_999 }),
  'competitors.reach': () => ({}),
  'competitors.presence': (role, f) => ({ customerId: f.customerIds[role] }),
  // Recorded at the role's own customer (each role its own, so none is a CONFLICT).
  'competitors.addPresence': (role, f) => ({ customerId: f.customerIds[role], competitorId: f.competitorId }),
  'competitors.updatePresence': () => ({ id: 999_999, version: STALE }),
  'competitors.removePresence': () => ({ id: 999_999, version: STALE }),
  // Stories: a new one per role and scope on the role's own customer; the others name a story that does not exist (NOT_FOUND where allowed).
  'stories.list': () => ({ q: '案例' }),
  'stories.get': () => ({ id: 999_999 }),
  'stories.create': (role, f) => ({ customerId: f.customerIds[role], title: `案例 ${role} ${f.staffScope}`, storyOn: '2026-12-02' }),
  'stories.update': () => ({ id: 999_999, version: STALE, title: '案例', storyOn: '2026-12-02' }),
  'stories.delete': () => ({ id: 999_999, version: STALE }),
  'stories.restore': () => ({ id: 999_999 }),
  'stories.caseSheet': () => ({ id: 999_999 }),
  // Holiday care: the settings saved as they are by default; a greeting on the role's own customer (once: greeting again is the same note).
  'holidays.settings': () => ({}),
  'holidays.saveSettings': () => ({ daysAhead: 14, grades: ['vip', 'key'], builtins: ['spring-festival', 'mid-autumn'], own: [] }),
  'holidays.calendar': () => ({ year: 2027 }),
  'holidays.upcoming': () => ({}),
  'holidays.customers': () => ({ key: 'spring-festival', year: 2027, q: '客户' }),
  'holidays.greet': (role, f) => ({ key: 'spring-festival', year: 2027, customerId: f.customerIds[role] }),
  // Events: a new one per role and scope; every other sample names an event or invitation that does not exist (NOT_FOUND where allowed).
  'events.list': () => ({ when: 'upcoming', q: '茶' }),
  'events.get': () => ({ id: 999_999 }),
  'events.create': (role, f) => ({ title: `活动 ${role} ${f.staffScope}`, kind: 'dinner', onDay: '2026-12-20' }),
  'events.update': () => ({ id: 999_999, version: STALE, title: '活动', onDay: '2026-12-20' }),
  'events.cancel': () => ({ id: 999_999, version: STALE }),
  'events.delete': () => ({ id: 999_999 }),
  'events.restore': () => ({ id: 999_999 }),
  'events.invitations': () => ({ eventId: 999_999 }),
  'events.invitePreview': () => ({ eventId: 999_999, filter: { grade: 'vip' } }),
  'events.invite': (role, f) => ({ eventId: 999_999, customerIds: [f.customerIds[role]] }),
  'events.inviteList': () => ({ eventId: 999_999, lines: ['C-NONE'], dryRun: true }),
  'events.customerInvitations': (role, f) => ({ customerId: f.customerIds[role] }),
  'events.uninvite': () => ({ invitationId: 999_999 }),
  'events.reply': () => ({ invitationId: 999_999, reply: 'yes' }),
  'events.attend': () => ({ invitationIds: [999_999], attended: true }),
  'events.signInSheet': () => ({ eventId: 999_999 }),
  'events.effect': () => ({ eventId: 999_999 }),
};

function sample(method: MethodName, role: Role, fixture: Fixture): unknown {
  return (SAMPLES[method] as (r: Role, f: Fixture) => unknown)(role, fixture); // indexed by this method's own name
}

// Re-keying signs everyone else out and signing out ends the session, so those go last; within a
// method the owner goes last, so a re-key by the owner comes after the others were refused.
const LAST = ['system.rekey', 'auth.signOut'];
const METHODS = (Object.keys(contract) as MethodName[]).sort((a, b) => LAST.indexOf(a) - LAST.indexOf(b));
const ROLES_OWNER_LAST = [...ROLES].reverse();

function allowedFor(role: Role, method: MethodName): boolean {
  const permission = contract[method].permission;
  return permission === 'public' || permission === 'signedIn' || roleHas(role, permission);
}

async function signInAgain(h: Harness, role: Role): Promise<void> {
  if ((await h.call(role, 'auth.session', {})) !== null) return;
  await h.call(role, 'auth.signIn', { username: role === 'owner' ? 'boss' : role, password: role === 'owner' ? OWNER_PASSWORD : USER_PASSWORD });
}

for (const staffScope of [false, true]) {
  describe(`permission matrix, staff scope ${staffScope ? 'on' : 'off'}`, () => {
    let h: Harness;
    let fixture: Fixture;
    beforeAll(async () => {
      h = makeHarness();
      await shopWithRoles(h);
      // The loyalty programme on, so its writes have something to do (loyalty samples).
      await h.call('owner', 'loyalty.saveSettings', { version: 0, settings: { enabled: true, referralPoints: 10, tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } });
      const ids = Object.fromEntries((await h.call('owner', 'users.list', {})).map((u) => [u.username, u.id]));
      const target = await h.call('owner', 'users.create', { username: 'target', role: 'viewer', password: INITIAL_PASSWORD });
      const mine = async (session: string, ownerId: number) => (await h.call(session, 'customers.create', { name: `张三 of ${session}`, ownerId })).id;
      const customerIds = {
        owner: await mine('owner', ids.boss!),
        manager: await mine('manager', ids.manager!),
        staff: await mine('staff', ids.staff!),
        // A viewer cannot be responsible for customers: the owner's second one stands in.
        viewer: await mine('owner', ids.boss!),
      };
      const contract = async (session: string, role: Role) =>
        (await h.call(session, 'contracts.create', { number: `HT-${role}`, title: `合同 of ${role}`, customerId: customerIds[role] })).id;
      fixture = {
        customerIds,
        contractIds: { owner: await contract('owner', 'owner'), manager: await contract('manager', 'manager'), staff: await contract('staff', 'staff'), viewer: await contract('owner', 'viewer') },
        targetUserId: target.id,
        staffScope,
        userIds: { owner: ids.boss!, manager: ids.manager!, staff: ids.staff!, viewer: ids.viewer! },
        competitorId: (await h.call('owner', 'competitors.create', { name: '对手' })).id,
      };
      await h.call('owner', 'settings.update', { staffScope });
    });
    afterAll(() => h.cleanup());
    // A re-key by the owner signs the others out; they sign in again, as they would in the app.
    beforeEach(async () => {
      for (const role of ROLES) await signInAgain(h, role);
    });

    for (const method of METHODS) {
      for (const role of ROLES_OWNER_LAST) {
        const allowed = allowedFor(role, method);
        it(`${role} → ${method}: ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
          const result = await h.raw(role, method, sample(method, role, fixture));
          const code = codeOf(result);
          if (allowed) expect(code, JSON.stringify(result).slice(0, 500)).not.toMatch(/^(FORBIDDEN|UNAUTHENTICATED|VALIDATION|INTERNAL|PASSWORD_CHANGE_REQUIRED)$/);
          // The role's own customer is never hidden by row-level rules.
          if (allowed && (method === 'customers.get' || method === 'customers.update' || method === 'contracts.get')) expect(code, JSON.stringify(result).slice(0, 500)).toBe('OK');
          if (!allowed) expect(code, JSON.stringify(result).slice(0, 500)).toBe('FORBIDDEN');
        });
      }
    }
  });
}

describe('permission matrix: sessions and passwords', () => {
  let h: Harness;
  let fixture: Fixture;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    const id = (await h.call('owner', 'customers.create', { name: '张三科技' })).id;
    const contractId = (await h.call('owner', 'contracts.create', { number: 'HT-1', title: '合同', customerId: id })).id;
    fixture = {
      customerIds: { owner: id, manager: id, staff: id, viewer: id },
      contractIds: { owner: contractId, manager: contractId, staff: contractId, viewer: contractId },
      targetUserId: 1,
      staffScope: false,
      userIds: { owner: 1, manager: 1, staff: 1, viewer: 1 },
      competitorId: 1, // these methods take no competitor
    };
  });
  afterAll(() => h.cleanup());

  it('refuses every non-public method without a session', async () => {
    for (const method of METHODS) {
      if (contract[method].permission === 'public') continue; // auth.signIn would sign "nobody" in
      const result = await h.raw('nobody', method, sample(method, 'viewer', fixture));
      expect(codeOf(result), method).toBe('UNAUTHENTICATED');
    }
  });

  it('lets a user with an initial password do nothing but change it, see the session and settings, or sign out', async () => {
    // An owner, so that only the password rule can refuse.
    await h.call('owner', 'users.create', { username: 'fresh', role: 'owner', password: INITIAL_PASSWORD });
    const session = await h.call('fresh', 'auth.signIn', { username: 'fresh', password: INITIAL_PASSWORD });
    expect(session.user.mustChangePassword).toBe(true);
    const open = new Set<MethodName>(['auth.changePassword', 'auth.signOut', 'auth.session', 'settings.get']);
    for (const method of METHODS) {
      const permission = contract[method].permission;
      if (permission === 'public' || method === 'auth.signOut') continue;
      const result = await h.raw('fresh', method, sample(method, 'owner', fixture));
      if (open.has(method)) expect(codeOf(result), `${method}: ${JSON.stringify(result).slice(0, 300)}`).not.toMatch(/^(PASSWORD_CHANGE_REQUIRED|FORBIDDEN|UNAUTHENTICATED)$/);
      else expect(codeOf(result), `${method}: ${JSON.stringify(result).slice(0, 300)}`).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    // Still required after signing in again; changing it opens everything.
    await h.call('fresh', 'auth.signOut', {});
    await h.call('fresh', 'auth.signIn', { username: 'fresh', password: INITIAL_PASSWORD });
    await h.failure('fresh', 'customers.list', {}, 'PASSWORD_CHANGE_REQUIRED');
    const changed = await h.call('fresh', 'auth.changePassword', { oldPassword: INITIAL_PASSWORD, newPassword: 'kiwi-new-choice-5521' });
    expect(changed.user.mustChangePassword).toBe(false);
    expect((await h.call('fresh', 'customers.list', {})).rows.length).toBe(1);
  });

  it('makes a reset password an initial one again', async () => {
    const viewer = (await h.call('owner', 'users.list', {})).find((u) => u.username === 'viewer')!;
    const reset = await h.call('owner', 'users.resetPassword', { id: viewer.id, newPassword: INITIAL_PASSWORD });
    expect(reset.mustChangePassword).toBe(true);
    await h.failure('v2', 'auth.signIn', { username: 'viewer', password: USER_PASSWORD }, 'BAD_PASSWORD');
    await h.call('v2', 'auth.signIn', { username: 'viewer', password: INITIAL_PASSWORD });
    await h.failure('v2', 'customers.count', {}, 'PASSWORD_CHANGE_REQUIRED');
    await h.call('v2', 'auth.changePassword', { oldPassword: INITIAL_PASSWORD, newPassword: USER_PASSWORD });
    expect((await h.call('v2', 'customers.count', {})).count).toBe(1);
  });

  it('has a permission for every method', () => {
    for (const method of METHODS) expect(contract[method].permission, method).toBeTruthy();
  });

  it('refuses an unknown method', async () => {
    const result = await h.raw('owner', 'customers.dropAll', {});
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});
