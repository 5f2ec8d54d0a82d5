// "Mask phone and email for staff and viewers": the unmasked value never leaves the core for those
// roles. Every method is called (the table below is typed by the contract, so a new method must
// be added here) and every answer searched for every phone and e-mail of the seeded data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodInput, type MethodName } from '../../shared/api/contract.ts';
import type { Customer, CustomerPage } from '../../shared/api/customers.ts';
import { MASKED_ROLES, type Role } from '../../shared/roles.ts';
import { makeHarness, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

const KNOWN = { name: '张三科技', phone: '13812341234', email: 'zhang@example.com', contacts: [{ name: '李四', mobile: '139 0000 5678', email: 'li.si@example.com', phone: '0571-8888 1234', wechat: 'lisi_wx_2024' }] };

type Seeded = {
  customers: Customer[];
  /** Every phone, mobile and e-mail as the owner sees them. */
  secrets: string[];
  /** Digits of every phone and mobile. */
  phoneDigits: string[];
  /** Every other string the owner sees on a customer: seeing these is no leak. */
  harmless: Set<string>;
  deletedId: number;
  /** A contract of each customer. */
  contractIds: number[];
  /** A communication record of each customer, its contacts taking part. */
  recordIds: number[];
  /** A visit to each customer, with its first contact (whose phones visits show). */
  visitIds: number[];
};

type Ctx = Seeded & { role: Role };

// Inputs per method for a masked user: every read aimed at every customer, searches by every kind
// of contact detail, and the writes a staff member may make.
const CALLS: { [M in MethodName]: (ctx: Ctx) => MethodInput<M>[] } = {
  'setup.status': () => [{}],
  'setup.create': () => [{ shopName: 'x', ownerUsername: 'someone', password: 'a-long-enough-password' }],
  'auth.signIn': (c) => [{ username: c.role, password: USER_PASSWORD }],
  'auth.session': () => [{}],
  'setup.pendingRecoveryKey': () => [{}],
  'setup.acknowledgeRecoveryKey': () => [{}],
  'auth.signOut': () => [], // called on a session of its own below
  'auth.changePassword': () => [{ oldPassword: USER_PASSWORD, newPassword: USER_PASSWORD }],
  'auth.recover': () => [{ username: 'boss', recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', newPassword: 'a-long-enough-password' }],
  'settings.get': () => [{}],
  'settings.update': () => [{ maskContacts: false }],
  // Service standards and the calendar hold no customer data.
  'standards.get': () => [{}],
  'standards.update': () => [{ version: 999 }],
  'standards.calendar': () => [{ year: 2026 }],
  'standards.setDay': () => [{ day: '2026-10-08', kind: null }],
  'users.list': () => [{}],
  'users.create': () => [{ username: 'eve', role: 'owner', password: 'a-long-enough-password' }],
  'users.setRole': () => [{ id: 1, version: 1, role: 'viewer' }],
  'users.resetPassword': () => [{ id: 1, newPassword: 'a-long-enough-password' }],
  'users.deactivate': () => [{ id: 1, version: 1 }],
  'users.reactivate': () => [{ id: 1, version: 1, newPassword: 'a-long-enough-password' }],
  'customers.list': () => (['name', 'updated', 'grade'] as const).flatMap((sort) => [{ sort, limit: 100 }, { sort, direction: 'desc' as const, limit: 100 }]),
  'customers.count': () => [{}, { grade: 'vip' }],
  'customers.facets': () => [{}],
  'customers.get': (c) => c.customers.map((customer) => ({ id: customer.id })),
  'customers.create': () => [{ name: 'Made while masked' }],
  'customers.update': () => [], // the unchanged save is its own test below
  'customers.delete': (c) => c.customers.slice(0, 3).map((customer) => ({ id: customer.id, version: 999 })),
  'customers.restore': (c) => [{ id: c.deletedId }],
  'customers.listDeleted': () => [{ limit: 100 }],
  'customers.purge': (c) => [{ id: c.deletedId }],
  'customers.unassigned': () => [{}],
  'customers.assignUnassigned': () => [{ othersTo: null }],
  'search.query': (c) => [
    ...c.secrets.map((q) => ({ q, limit: 50 })),
    ...c.phoneDigits.slice(0, 20).flatMap((d) => [{ q: d.slice(-4) }, { q: d.slice(0, 3) }, { q: d.slice(3, 7) }]),
    { q: '@example' },
    { q: 'example.com', limit: 50 },
    ...c.customers.slice(0, 10).map((customer) => ({ q: customer.name })),
  ],
  'audit.list': () => [{}],
  'audit.entry': () => [{ id: 1 }],
  'audit.verify': () => [{}],
  'audit.export': () => [{}],
  'system.status': () => [{}],
  'system.check': () => [{}],
  'system.seed': () => [{ customers: 1 }],
  'system.rekey': () => [{}],
  'backup.create': () => [{ folder: '/nonexistent-clientele-folder' }],
  'backup.cancel': () => [{}],
  'jobs.cancel': () => [{ job: 'seed' }],
  'backup.verify': () => [{ file: '/nonexistent-clientele-folder/x.clbak', credentials: { username: 'boss', password: 'a-long-enough-password' } }],
  'backup.restore': () => [{ file: '/nonexistent-clientele-folder/x.clbak', credentials: { username: 'boss', password: 'a-long-enough-password' } }],
  'backup.list': () => [{}],
  'backup.status': () => [{}],
  'backup.getSettings': () => [{}],
  'backup.updateSettings': () => [{ reminderDays: 7 }],
  'setup.verifyBackup': () => [{ file: '/nonexistent-clientele-folder/x.clbak', credentials: { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' } }],
  'setup.restore': () => [{ file: '/nonexistent-clientele-folder/x.clbak', credentials: { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' } }],
  // Files hold no customer's contact details; a staged file that does not exist answers NOT_FOUND.
  'files.preview': () => [{ file: { upload: 'f'.repeat(22) } }],
  'logo.get': () => [{}],
  'logo.set': () => [{ file: { upload: 'f'.repeat(22) } }],
  'logo.remove': () => [{}],
  // Tags carry no contact details; staff and viewers are refused all but the colours.
  'tags.list': () => [{}],
  'tags.rename': () => [{ id: 1, version: 999, name: 'x' }],
  'tags.merge': () => [{ into: { id: 1, version: 999 }, tags: [{ id: 2, version: 999 }] }],
  'tags.setColor': () => [{ id: 1, version: 999, color: 'red' }],
  'tags.delete': () => [{ id: 1, version: 999 }],
  'tags.colors': (c) => [{ names: c.customers.flatMap((customer) => customer.tags) }],
  // Attachments carry file names and descriptions, no contact details: every customer's list is read.
  'attachments.list': (c) => c.customers.map((customer) => ({ owner: { kind: 'customer' as const, id: customer.id } })),
  'attachments.add': (c) => [{ owner: { kind: 'customer', id: c.customers[0]!.id }, file: { upload: 'f'.repeat(22) } }],
  'attachments.preview': () => [{ id: 1 }],
  'attachments.saveCopy': () => [{ id: 1 }],
  'attachments.update': () => [{ id: 1, version: 999, name: 'x.txt', description: '' }],
  'attachments.delete': () => [{ id: 1, version: 999 }],
  'attachments.restore': () => [{ id: 1 }],
  'attachments.purge': () => [{ id: 1 }],
  'attachments.verify': () => [{}],
  // Duplicates show each customer's phone and the shared number: masked like the list's.
  // Export is not a masked role's right (data.export): refused before anything is read.
  'exports.run': () => [{ entity: 'customers', format: 'csv' }, { entity: 'contacts', format: 'xlsx' }],
  'duplicates.find': () => [{}],
  'duplicates.dismiss': () => [{ ids: [999_998, 999_999] }],
  'duplicates.merge': (c) => [{ keep: c.customers[0]!.id, merge: 999_999, version: { keep: 999, merge: 999 } }],
  'duplicates.merges': () => [{}],
  'duplicates.undoMerge': () => [{ merge: 999_999 }],
  // Import is not a masked role's right (data.import): refused before anything is read.
  'imports.inspect': () => [{ file: { upload: 'f'.repeat(22) }, kind: 'customers' }],
  'imports.preview': () => [{ file: { upload: 'f'.repeat(22) }, kind: 'customers', mapping: { headerRow: 1, columns: { name: 0 } } }],
  'imports.run': () => [{ file: { upload: 'f'.repeat(22) }, kind: 'customers', mapping: { headerRow: 1, columns: { name: 0 } } }],
  'imports.list': () => [{}],
  'imports.undo': () => [{ batch: 999_999 }],
  // Grading is the owner's (grading.manage): refused to masked roles before anything is read.
  'grading.settings': () => [{}],
  'grading.updateSettings': () => [{ currency: 'CNY', cutoffs: { a: 70, b: 20 }, monthly: true, rules: [{ abc: null, minR: null, minF: null, minM: null, grade: 'normal' }] }],
  'grading.propose': () => [{}],
  'grading.current': () => [{}],
  'grading.get': () => [{ id: 999_999 }],
  'grading.proposals': () => [{}],
  'grading.items': () => [{ proposalId: 999_999 }],
  'grading.decide': () => [{ proposalId: 999_999, customerIds: 'all', decision: 'accepted' }],
  'grading.apply': () => [{ proposalId: 999_999 }],
  'grading.discard': () => [{ proposalId: 999_999 }],
  // Churn warnings carry names, codes and facts (days, scores, contract numbers), no contact details.
  'churn.list': () => [{}, { limit: 100 }],
  'churn.dismiss': (c) => [{ customerId: c.customers[0]!.id, rule: 'cadence', reason: 'x' }],
  'churn.settings': () => [{}],
  'churn.setSettings': () => [{ k: 2 }],
  // Sales carry their customer's name and code, no contact details: a sale of the first customer made, read, listed, counted.
  'catalogue.list': () => [{}],
  'catalogue.create': () => [{ name: '西湖龙井', priceMinor: 100 }],
  'catalogue.update': () => [{ id: 999_999, version: 1 }],
  'catalogue.setActive': () => [{ id: 999_999, version: 1, active: false }],
  'sales.list': () => [{ limit: 100 }, { q: '龙井', limit: 100 }],
  'sales.count': () => [{}],
  'sales.get': () => [{ id: 1 }],
  'sales.create': (c) => [{ customerId: c.customers[0]!.id, soldOn: '2026-11-30', lines: [{ name: '西湖龙井', quantityMilli: 1000, unitPriceMinor: 100 }] }],
  'sales.update': (c) => [{ id: 1, version: 999, customerId: c.customers[0]!.id, soldOn: '2026-11-30', lines: [{ name: '西湖龙井', quantityMilli: 1000, unitPriceMinor: 100 }] }],
  'sales.delete': () => [{ id: 999_999 }],
  'sales.restore': () => [{ id: 999_999 }],
  'sales.check': () => [{}],
  // Needs name their decision makers (a contact's name and title, never a phone or e-mail): a decision need of the first customer made, read, listed, counted.
  'needs.list': () => [{ limit: 100 }, { kind: 'decision', limit: 100 }],
  'needs.count': () => [{}],
  'needs.get': () => [{ id: 1 }],
  'needs.create': (c) => [{ customerId: c.customers[0]!.id, kind: 'decision', title: '总经理拍板', contactIds: c.customers[0]!.contacts.flatMap((p) => (p.id ? [p.id] : [])).slice(0, 1) }],
  'needs.update': (c) => [{ id: 1, version: 999, kind: 'decision', title: '总经理拍板', contactIds: c.customers[0]!.contacts.flatMap((p) => (p.id ? [p.id] : [])).slice(0, 1) }],
  'needs.setStatus': () => [{ id: 1, version: 999, status: 'met' }],
  'needs.delete': () => [{ id: 999_999, version: 1 }],
  'needs.restore': () => [{ id: 999_999 }],
  // Loyalty: no contact details in its answers; reads of every customer, writes that change nothing.
  'loyalty.settings': () => [{}],
  'loyalty.saveSettings': () => [{ version: 999, settings: { tiers: [{ key: 'normal', name: '普通会员', threshold: 0 }] } }],
  'loyalty.rewards': () => [{}],
  'loyalty.saveReward': () => [{ id: 999_999, version: 999, name: '奖品', points: 10 }],
  'loyalty.members': () => [{}, { q: '茶' }],
  'loyalty.member': (c) => c.customers.map((x) => ({ customerId: x.id })),
  'loyalty.ledger': (c) => c.customers.map((x) => ({ customerId: x.id })),
  'loyalty.tierHistory': (c) => c.customers.map((x) => ({ customerId: x.id })),
  'loyalty.coupons': (c) => c.customers.map((x) => ({ customerId: x.id })),
  'loyalty.join': (c) => [{ customerId: c.customers[0]!.id }],
  'loyalty.adjust': (c) => [{ customerId: c.customers[0]!.id, points: 5, reason: '补录' }],
  'loyalty.redeem': (c) => [{ customerId: c.customers[0]!.id, rewardId: 999_999 }],
  'loyalty.useCoupon': () => [{ couponId: 999_999 }],
  'loyalty.voidCoupon': () => [{ couponId: 999_999, reason: '作废' }],
  'loyalty.referral': (c) => [{ customerId: c.customers[0]!.id, referredId: c.customers[0]!.id }],
  'loyalty.check': () => [{}],
  // Competitor presence carries its customer's name, code and grade, no contact details: a competitor recorded at the first customer, read and listed.
  'competitors.list': () => [{ includeRetired: true }],
  'competitors.get': () => [{ id: 1 }],
  'competitors.create': () => [{ name: '远大科技' }],
  'competitors.update': () => [{ id: 999_999, version: 1 }],
  'competitors.setActive': () => [{ id: 999_999, version: 1, active: false }],
  'competitors.customers': () => [{ competitorId: 1 }],
  'competitors.reach': () => [{}],
  'competitors.presence': (c) => c.customers.map((customer) => ({ customerId: customer.id })),
  'competitors.addPresence': (c) => [{ customerId: c.customers[0]!.id, competitorId: 1 }],
  'competitors.updatePresence': () => [{ id: 1, version: 999 }],
  'competitors.removePresence': () => [{ id: 999_999, version: 1 }],
  // Stories and holiday care carry customers' names and codes, no contact details.
  'stories.list': () => [{ limit: 100 }],
  'stories.get': () => [{ id: 999_999 }],
  'stories.create': (c) => [{ customerId: c.customers[0]!.id, title: '遮蔽测试案例', storyOn: '2026-12-02' }],
  'stories.update': () => [{ id: 999_999, version: 1, title: 'x', storyOn: '2026-12-02' }],
  'stories.delete': () => [{ id: 999_999, version: 1 }],
  'stories.restore': () => [{ id: 999_999 }],
  'stories.caseSheet': () => [{ id: 999_999 }],
  'holidays.settings': () => [{}],
  'holidays.saveSettings': () => [{ daysAhead: 14, grades: ['vip', 'key'], builtins: ['spring-festival'], own: [] }],
  'holidays.calendar': () => [{ year: 2027 }],
  'holidays.upcoming': () => [{}],
  'holidays.customers': () => [{ key: 'spring-festival', year: 2027, limit: 100 }],
  'holidays.greet': (c) => [{ key: 'spring-festival', year: 2027, customerId: c.customers[0]!.id }],
  // Events: the seed's (ids 1–4) with their invitations, sign-in sheets (contacts' phones) and effects; writes a masked user may make.
  'events.list': () => [{ when: 'all', limit: 100 }],
  'events.get': () => [1, 2, 3, 4].map((id) => ({ id })),
  'events.create': () => [{ title: '遮蔽测试活动', onDay: '2026-12-20' }],
  'events.update': () => [{ id: 4, version: 999, title: 'x', onDay: '2026-12-20' }],
  'events.cancel': () => [{ id: 4, version: 999 }],
  'events.delete': () => [{ id: 999_999 }],
  'events.restore': () => [{ id: 999_999 }],
  'events.invitations': () => [1, 2, 3].map((eventId) => ({ eventId, limit: 100 })),
  'events.invitePreview': () => [{ eventId: 4, filter: { grade: 'vip' } }],
  'events.invite': (c) => [{ eventId: 4, customerIds: [c.customers[0]!.id] }],
  'events.inviteList': (c) => [{ eventId: 4, lines: [c.customers[0]!.code], dryRun: true }],
  'events.customerInvitations': (c) => c.customers.map((customer) => ({ customerId: customer.id, limit: 100 })),
  'events.uninvite': () => [{ invitationId: 999_999 }],
  'events.reply': () => [{ invitationId: 1, reply: 'maybe' }],
  'events.attend': () => [{ invitationIds: [1], attended: true }],
  'events.signInSheet': () => [1, 2, 3].map((eventId) => ({ eventId })),
  'events.effect': () => [1, 2].map((eventId) => ({ eventId })),
  // Contracts carry their customer's name and code, no contact details: every customer's contracts
  // are listed and read (the seed's and one per customer made below).
  'contracts.list': () => (['end', 'signed', 'amount', 'number'] as const).map((sort) => ({ sort, limit: 100 })),
  'contracts.summary': () => [{}],
  'contracts.get': (c) => c.contractIds.map((id) => ({ id })),
  'contracts.create': (c) => [{ number: `MASKED-${c.role}`, title: 'x', customerId: c.customers[0]!.id }],
  'contracts.update': (c) => [{ id: c.contractIds[0]!, version: 999, number: 'x', title: 'x', customerId: c.customers[0]!.id }],
  'contracts.terminate': (c) => [{ id: c.contractIds[0]!, version: 999, on: '2026-12-01' }],
  'contracts.delete': (c) => [{ id: c.contractIds[0]!, version: 999 }],
  'contracts.restore': (c) => [{ id: c.contractIds[0]! }],
  'contracts.listDeleted': () => [{ limit: 100 }],
  'contracts.suggestNumber': () => [{}],
  'contracts.expiringCount': () => [{}],
  // Records carry their customer's name and code and participants' names, no contact details: every
  // customer's records are listed (one made per customer below, with its contact taking part).
  'records.list': (c) => [{ limit: 100 }, ...c.customers.map((customer) => ({ customerId: customer.id, limit: 100 }))],
  'records.followUps': () => [{ until: '2100-12-31', limit: 100 }],
  'records.get': (c) => c.recordIds.map((id) => ({ id })),
  'records.create': (c) => [{ customerId: c.customers[0]!.id, kind: 'communication', at: Date.UTC(2026, 10, 30), content: 'x', channel: 'phone', participants: c.customers[0]!.contacts.map((contact) => ({ contactId: contact.id! })) }],
  'records.update': (c) => [{ id: c.recordIds[0]!, version: 999, kind: 'communication', at: Date.UTC(2026, 10, 30), content: 'x', channel: 'phone' }],
  'records.followUpDone': (c) => [{ id: c.recordIds[0]!, version: 999 }],
  'records.delete': (c) => [{ id: c.recordIds[0]!, version: 999 }],
  'records.restore': (c) => [{ id: c.recordIds[0]! }],
  'records.purge': (c) => [{ id: c.recordIds[0]! }],
  'records.listDeleted': () => [{ limit: 100 }],
  // Entries carry staff names, titles and texts of records, no contact details: every customer's timeline.
  'timeline.list': (c) => c.customers.map((customer) => ({ customerId: customer.id, limit: 100 })),
  // Printed documents: every customer's profile and record, and the whole shop's visits around the test's days.
  'print.visitSheet': () => [{ staffId: null, from: '2026-11-01', to: '2026-12-10' }],
  'print.customerProfile': (c) => c.customers.map((customer) => ({ customerId: customer.id })),
  'print.serviceReport': (c) => c.recordIds.map((recordId) => ({ recordId })),
  // Visits show their contact's phones: every visit read, the whole shop's agenda over their days.
  'visits.agenda': () => [{ from: '2026-12-01', to: '2026-12-07', staffId: null }],
  'visits.get': (c) => c.visitIds.map((id) => ({ id })),
  'visits.create': (c) => [{ customerId: c.customers[0]!.id, contactId: c.customers[0]!.contacts[0]?.id ?? null, staffId: 1, onDay: '2026-12-02', startMinute: 540, purpose: 'x' }],
  'visits.update': (c) => [{ id: c.visitIds[0]!, version: 999, customerId: c.customers[0]!.id, staffId: 1, onDay: '2026-12-02', startMinute: 540, purpose: 'x' }],
  'visits.reschedule': (c) => [{ id: c.visitIds[0]!, version: 999, onDay: '2026-12-03', startMinute: 540 }],
  'visits.setStatus': (c) => [{ id: c.visitIds[0]!, version: 999, status: 'postponed' }],
  'visits.complete': (c) => [{ id: c.visitIds[0]!, version: 999, outcome: 'x', record: { kind: 'communication', channel: 'visit' } }],
  'visits.delete': (c) => [{ id: c.visitIds[0]!, version: 999 }],
  'visits.restore': (c) => [{ id: c.visitIds[0]! }],
  // The visits list shows their contact's phones too: every visit, in pages of 100.
  'visits.list': () => [{ limit: 100 }],
  'visits.count': () => [{}],
  // Figures only (staff names in visits per staff member), no contact details.
  'dashboard.get': () => [{}],
  'performance.get': () => [{ staffId: 'all', from: '2026-01-01', to: '2026-12-31' }],
  'dashboard.export': () => [{ format: 'pdf' }, { format: 'xlsx' }],
  // Today's items carry names and codes, no contact details; marks answer the reference only.
  'today.get': () => [{}, { scope: 'mine' }, { day: '2026-12-02' }],
  'today.counts': () => [{}],
  'today.mark': (c) => [{ kind: 'visit', refId: c.visitIds[0]!, occurrence: '2026-12-02', snoozeUntil: '2100-01-01' }],
  'today.unmark': (c) => [{ kind: 'visit', refId: c.visitIds[0]!, occurrence: '2026-12-02' }],
  // Surveys carry their customer's name and code, no contact details.
  'surveys.list': (c) => [{ limit: 100 }, { customerId: c.customers[0]!.id, limit: 100 }],
  'surveys.get': () => [{ id: 999 }],
  'surveys.create': (c) => [{ customerId: c.customers[0]!.id, at: Date.UTC(2026, 10, 30), scores: [{ dimensionId: 1, score: 5 }], nps: 10 }],
  'surveys.update': () => [{ id: 999, version: 999, at: Date.UTC(2026, 10, 30), nps: 9 }],
  'surveys.delete': () => [{ id: 999, version: 999 }],
  'surveys.restore': () => [{ id: 999 }],
  'surveys.purge': () => [{ id: 999 }],
  'surveys.listDeleted': () => [{ limit: 100 }],
  // Two months only: a month's six digits (202602) may be found inside a seeded phone number by chance.
  'surveys.trends': (c) => [{ from: '2026-11', to: '2026-12' }, { customerId: c.customers[0]!.id, from: '2026-11', to: '2026-12' }],
  'surveys.dimensions': () => [{}],
  'surveys.saveDimension': () => [{ id: 1, name: 'x', version: 999 }],
  'surveys.retireDimension': () => [{ id: 999, retired: true }],
  // Complaints carry their customer's name and code, no contact details.
  'complaints.list': () => [{ limit: 100 }, { status: 'open', limit: 100 }],
  'complaints.counts': () => [{}],
  'complaints.get': () => [{ id: 1 }],
  'complaints.create': (c) => [{ customerId: c.customers[0]!.id, category: 'service', severity: 'low', description: 'x', source: 'phone', assigneeId: null }],
  'complaints.update': () => [{ id: 1, version: 999 }],
  'complaints.setStatus': () => [{ id: 1, version: 999, status: 'inProgress' }],
  'complaints.delete': () => [{ id: 1, version: 999 }],
  'complaints.restore': () => [{ id: 1 }],
  'complaints.purge': () => [{ id: 1 }],
  'complaints.listDeleted': () => [{ limit: 100 }],
  // Care: occasions name the customer and the contact, no contact details.
  'care.upcoming': () => [{ from: '2026-12-01', days: 31 }],
  'care.getNote': () => [{ id: 1 }],
  'care.addNote': (c) => [{ customerId: c.customers[0]!.id, occasion: 'other', onDay: '2026-12-02', note: 'x' }],
  'care.deleteNote': () => [{ id: 1, version: 999 }],
  'care.restoreNote': () => [{ id: 1 }],
};

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Every string value inside a JSON-like value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

const CALENDAR_VALUE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** What of the seeded contact details an answer gives away. */
function leaks(seeded: Seeded, answer: unknown): string[] {
  const found: string[] = [];
  const text = JSON.stringify(answer);
  for (const secret of seeded.secrets) if (text.includes(secret)) found.push(secret);
  for (const digits of seeded.phoneDigits) if (text.includes(digits)) found.push(digits);
  for (const secret of seeded.secrets) {
    const local = secret.includes('@') ? secret.slice(0, secret.indexOf('@') + 1) : '';
    if (local.length > 2 && text.includes(local)) found.push(local); // more than the first letter of the name
  }
  // The masked form shows at most 4 digits in a row: any longer run taken from a seeded phone is a leak.
  for (const value of strings(answer)) {
    if (seeded.harmless.has(value)) continue;
    // A whole value that is a calendar month or day (`2026-02`, `2026-02-14`: the dashboard's months, a
    // list's days) is a date the core wrote, not a phone: its six or eight digits may sit inside a
    // seeded number by chance. A phone is never stored or masked in that shape.
    if (CALENDAR_VALUE.test(value)) continue;
    for (const run of value.replace(/[\s\-().+]/g, '').match(/\d{5,}/g) ?? []) {
      if (seeded.phoneDigits.some((digits) => digits.includes(run))) found.push(`${run} in "${value}"`);
    }
  }
  return found;
}

async function everyCustomer(h: Harness, session: string): Promise<Customer[]> {
  const out: Customer[] = [];
  let cursor: string | null = null;
  do {
    const page: CustomerPage = await h.call(session, 'customers.list', { cursor, limit: 100 });
    for (const row of page.rows) out.push(await h.call(session, 'customers.get', { id: row.id }));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

function draftOf(c: Customer): MethodInput<'customers.update'> {
  return {
    id: c.id,
    version: c.version,
    kind: c.kind,
    name: c.name,
    industry: c.industry,
    region: c.region,
    address: c.address,
    phone: c.phone,
    email: c.email,
    website: c.website,
    source: c.source,
    size: c.size,
    stage: c.stage,
    grade: c.grade,
    ownerId: c.ownerId,
    birthday: c.birthday,
    birthdayCalendar: c.birthdayCalendar,
    notes: c.notes,
    tags: c.tags,
    contacts: c.contacts.map(({ id, name, title, phone, mobile, email, wechat, decisionMaker, birthday }) => ({ id, name, title, phone, mobile, email, wechat, decisionMaker, birthday })),
  };
}

describe('masking phone and e-mail for staff and viewers', () => {
  let h: Harness;
  let seeded: Seeded;
  let known: Customer;
  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    await h.call('owner', 'system.seed', { customers: 40, seed: 3 });
    known = await h.call('owner', 'customers.create', KNOWN);
    const toDelete = await h.call('owner', 'customers.create', { name: '回收站客户', phone: '021-5555 6666', email: 'binned@example.com', contacts: [{ name: '赵六', mobile: '13755556666' }] });
    const customers = await everyCustomer(h, 'owner');
    await h.call('owner', 'customers.delete', { id: toDelete.id, version: toDelete.version });
    const secrets = new Set<string>();
    const harmless = new Set<string>();
    for (const c of customers) {
      for (const value of [c.phone, c.email, ...c.contacts.flatMap((k) => [k.phone, k.mobile, k.email, k.wechat])]) if (value) secrets.add(value);
      const { phone: _p, email: _e, contacts, ...rest } = c;
      for (const value of strings([rest, contacts.map(({ phone: _cp, mobile: _cm, email: _ce, wechat: _cw, ...other }) => other)])) harmless.add(value);
    }
    // WeChat IDs count too: their digits are as secret as a phone's.
    const phoneDigits = [...secrets].filter((s) => !s.includes('@')).map(digitsOf).filter((digits) => digits.length >= 5);
    for (const value of secrets) harmless.delete(value);
    const contractIds: number[] = [];
    for (const [i, c] of customers.filter((customer) => customer.id !== toDelete.id).entries()) {
      contractIds.push((await h.call('owner', 'contracts.create', { number: `M-${i}`, title: `合同 ${c.name}`, customerId: c.id, signedOn: '2026-01-01', endOn: '2026-12-10' })).id);
    }
    const recordIds: number[] = [];
    for (const c of customers.filter((customer) => customer.id !== toDelete.id)) {
      const participants = c.contacts.map((contact) => ({ contactId: contact.id! }));
      recordIds.push((await h.call('owner', 'records.create', { customerId: c.id, kind: 'communication', at: Date.UTC(2026, 10, 30), content: '回访记录', channel: 'phone', participants, followUpOn: '2026-12-10' })).id);
    }
    const visitIds: number[] = [];
    for (const [i, c] of customers.filter((customer) => customer.id !== toDelete.id).entries()) {
      const input = { customerId: c.id, contactId: c.contacts[0]?.id ?? null, staffId: 1, onDay: `2026-12-0${1 + (i % 7)}`, startMinute: 480 + (i % 10) * 30, purpose: '拜访' };
      visitIds.push((await h.call('owner', 'visits.create', input)).visit.id);
    }
    seeded = { customers, secrets: [...secrets], phoneDigits, harmless, deletedId: toDelete.id, contractIds, recordIds, visitIds };
    expect(seeded.secrets.length).toBeGreaterThan(80);
    // The check itself bites: the owner's own answers are full of them.
    expect(leaks(seeded, customers).length).toBeGreaterThan(80);
    await h.call('owner', 'settings.update', { maskContacts: true });
  });
  afterAll(() => h.cleanup());

  for (const role of MASKED_ROLES) {
    it(`${role}: no answer of any method holds an unmasked phone or e-mail`, async () => {
      const ctx: Ctx = { ...seeded, role };
      let calls = 0;
      // Restoring goes last, so the recycle bin is read while the customer is still in it.
      const methods = (Object.keys(contract) as MethodName[]).sort((a, b) => Number(a === 'customers.restore') - Number(b === 'customers.restore'));
      for (const method of methods) {
        for (const input of (CALLS[method] as (c: Ctx) => unknown[])(ctx)) {
          const answer = await h.raw(role, method, input);
          calls++;
          expect(leaks(seeded, answer), `${role} ${method} ${JSON.stringify(input)}`).toEqual([]);
        }
      }
      expect(calls).toBeGreaterThan(100);
      // The session answers of a fresh sign-in and a sign-out, on a session of their own.
      const signedIn = await h.raw(`${role}-2`, 'auth.signIn', { username: role, password: USER_PASSWORD });
      expect(leaks(seeded, signedIn)).toEqual([]);
      expect(leaks(seeded, await h.raw(`${role}-2`, 'auth.signOut', {}))).toEqual([]);
    });

    it(`${role}: sees 138****1234 and z***@example.com`, async () => {
      const seen = await h.call(role, 'customers.get', { id: known.id });
      expect(seen.phone).toBe('138****1234');
      expect(seen.email).toBe('z***@example.com');
      expect(seen.contacts[0]!.email).toBe('l***@example.com');
      expect(seen.contacts[0]!.wechat).toBe('lis****2024');
      expect(digitsOf(seen.contacts[0]!.mobile)).toBe('1395678');
      const row = (await h.call(role, 'customers.list', { limit: 100 })).rows.find((r) => r.id === known.id);
      expect(row?.phone).toBe('138****1234');
      const hit = (await h.call(role, 'search.query', { q: '张三科技' })).hits.filter((x) => x.kind === 'customer').find((x) => x.id === known.id);
      expect(hit?.phone).toBe('138****1234');
    });
  }

  for (const role of MASKED_ROLES) {
    it(`${role}: search matches only what the role sees, digit by digit, and counts no more`, async () => {
      const hidden = await h.call('owner', 'customers.create', {
        name: '隐藏测试',
        phone: '+86 138-0013-8000',
        email: 'hidden.local@masked.example',
        contacts: [{ name: '王五', wechat: 'secret_wx_9911' }],
      });
      try {
        expect((await h.call(role, 'customers.get', { id: hidden.id })).phone).toBe('138****8000');
        const finds = async (q: string) => {
          const answer = await h.call(role, 'search.query', { q, limit: 50 });
          const count = (await h.call(role, 'customers.count', { q })).count;
          // Every match, as "see all results" lists them (fewer than 100 here). Contracts whose
          // number has these digits share the search page, so the list is the whole answer.
          const listed = (await h.call(role, 'customers.list', { q, limit: 100 })).rows.map((row) => row.id);
          // The counts say no more than the list does, and the page holds nothing the list does not.
          expect([answer.total, count], q).toEqual([listed.length, listed.length]);
          const customerHits = answer.hits.filter((hit) => hit.kind === 'customer').map((hit) => hit.id);
          expect(customerHits.every((id) => listed.includes(id)), q).toBe(true);
          return listed.includes(hidden.id);
        };
        // An attacker trying every run of 3 to 6 digits of the national number: only runs inside
        // the visible 138 and 8000 find it.
        const national = '13800138000';
        for (let length = 3; length <= 6; length++) {
          for (let at = 0; at + length <= national.length; at++) {
            const run = national.slice(at, at + length);
            expect(await finds(run), run).toBe('138'.includes(run) || '8000'.includes(run));
          }
        }
        for (const q of ['8613800138000', '0013', 'hidden', 'hidden.local', 'den.lo', 'secret', 'ret_wx', 'secret_wx_9911']) expect(await finds(q), q).toBe(false);
        for (const q of ['@masked.example', 'masked.example', 'sec', '9911', '隐藏测试']) expect(await finds(q), q).toBe(true);
        const wechat = (await h.call(role, 'search.query', { q: '9911' })).hits.filter((x) => x.kind === 'customer').find((hit) => hit.id === hidden.id);
        expect([wechat?.matchedIn, wechat?.matchedText, wechat?.contactName]).toEqual(['wechat', 'sec****9911', '王五']);
        // The owner finds it by every one of those.
        for (const q of ['0013', 'hidden.local', 'ret_wx']) {
          expect((await h.call('owner', 'search.query', { q, limit: 50 })).hits.some((hit) => hit.kind === 'customer' && hit.id === hidden.id), q).toBe(true);
        }
      } finally {
        await h.call('owner', 'customers.delete', { id: hidden.id, version: hidden.version });
      }
    });
  }

  it('shows managers and the owner the real values', async () => {
    for (const session of ['owner', 'manager']) {
      const seen = await h.call(session, 'customers.get', { id: known.id });
      expect([seen.phone, seen.email, seen.contacts[0]!.mobile]).toEqual([KNOWN.phone, KNOWN.email, KNOWN.contacts[0]!.mobile]);
    }
  });

  it('keeps the real values when a staff member saves a customer unchanged (the masked values sent back)', async () => {
    for (const target of [known, seeded.customers.find((c) => c.contacts.length >= 2 && c.phone !== '' && c.email !== '')!]) {
      const before = await h.call('owner', 'customers.get', { id: target.id });
      const masked = await h.call('staff', 'customers.get', { id: target.id });
      expect(masked.phone).not.toBe(before.phone);
      const notes = [masked.notes, '已回访'].filter(Boolean).join(' ');
      const saved = await h.call('staff', 'customers.update', { ...draftOf(masked), notes });
      expect(leaks(seeded, saved)).toEqual([]);
      const after = await h.call('owner', 'customers.get', { id: target.id });
      expect(after.notes).toBe([before.notes, '已回访'].filter(Boolean).join(' '));
      expect([after.phone, after.email]).toEqual([before.phone, before.email]);
      expect(after.contacts.map((k) => [k.name, k.phone, k.mobile, k.email, k.wechat])).toEqual(before.contacts.map((k) => [k.name, k.phone, k.mobile, k.email, k.wechat]));
    }
  });

  it('still lets a staff member change a masked value to a new one', async () => {
    const masked = await h.call('staff', 'customers.get', { id: known.id });
    await h.call('staff', 'customers.update', { ...draftOf(masked), phone: '0571-2222 3333' });
    expect((await h.call('owner', 'customers.get', { id: known.id })).phone).toBe('0571-2222 3333');
  });
});
