/**
 * A development-only, in-memory stand-in for the core, so screens can be looked at without the
 * backend: start `npx vite --config renderer/vite.config.ts` and open `http://127.0.0.1:5173/?mock`
 * (add `&ready` to start already set up with 300 customers; sign in as `owner` / `password123`).
 * It validates inputs with the real contract and fakes the rest crudely. Never in a production build:
 * client.ts imports it only under `import.meta.env.DEV`.
 */
import { contract, isMethodName } from '../../../shared/api/contract.ts';
import type { Customer, CustomerRow } from '../../../shared/api/customers.ts';
import { GRADES } from '../../../shared/api/customers.ts';
import type { SessionInfo, Settings, User } from '../../../shared/api/auth.ts';
import type { AuditEntry } from '../../../shared/api/audit.ts';
import type { BackupSettings } from '../../../shared/api/backup.ts';
import { ROLE_PERMISSIONS } from '../../../shared/roles.ts';
import type { Result } from '../../../shared/errors.ts';

const ready = new URLSearchParams(location.search).has('ready');
let initialised = ready;
let shopName: string | null = ready ? '张三五金店' : null;
let session: SessionInfo | null = null;
let failedAttempts = 0;
let lockedUntil = 0;
const users: User[] = [
  { id: 1, username: 'owner', displayName: '张老板', role: 'owner', active: true, mustChangePassword: false, lastSignInAt: null, version: 1 },
  { id: 2, username: 'li', displayName: '李娜', role: 'staff', active: true, mustChangePassword: true, lastSignInAt: null, version: 1 },
];
/** Every mock user's password, so the screens for changing and resetting passwords can be tried. */
const passwords = new Map<number, string>([
  [1, 'password123'],
  [2, 'password123'],
]);
let settings: Settings = { staffScope: false, maskContacts: false, idleLockMinutes: 10 };
const auditLog: AuditEntry[] = [];
let backupSettings: BackupSettings = { folder: '', secondFolder: '', dailyTime: '', reminderDays: 7 };
const backups: { file: string; bytes: number; createdAt: number; automatic: boolean }[] = ready
  ? [{ file: '/data/backups/Clientele-auto-2026-04-01_1800.clbak', bytes: 45_000_000, createdAt: Date.now() - 12 * 86_400_000, automatic: true }]
  : [];
let backupCancelled = false;

function mockCounts(): Record<string, number> {
  return { customers: [...customers.values()].filter((c) => c.deletedAt === null).length, contacts: customers.size, users: users.length, audit_log: auditLog.length };
}

function sessionOf(user: User): SessionInfo {
  return { user, permissions: [...ROLE_PERMISSIONS[user.role]], shopName: shopName ?? '', settings };
}

function record(action: AuditEntry['action'], entity: AuditEntry['entity'], entityId: number | null, label: string, changes: AuditEntry['changes'] = []): void {
  auditLog.push({ id: auditLog.length + 1, at: Date.now(), userId: session?.user.id ?? null, username: session?.user.username ?? '', action, entity, entityId, label, changes, truncated: false });
}

function fail(code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND' | 'BAD_PASSWORD' | 'FORBIDDEN' | 'PASSWORD_CHANGE_REQUIRED', message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

function checkPassword(field: string, password: string, username: string): Result<never> | null {
  if (/^password\d*$/i.test(password)) return fail('VALIDATION', 'mock: common password', [{ path: [field], message: 'commonPassword' }]);
  if (password.toLowerCase().includes(username.toLowerCase())) return fail('VALIDATION', 'mock: contains user name', [{ path: [field], message: 'containsUsername' }]);
  return null;
}
const customers = new Map<number, Customer>();
/** The mock does not model row-level rules: everything is offered. */
const EVERY_ACTION = { edit: true, delete: true, purge: true };
let nextId = 1;
let nextContactId = 1;

const NAMES = ['张三科技', '李四贸易', '王五餐饮', '赵六建材', 'Acme Ltd', '深圳华强电子', '北京明远咨询', '上海东方物流', '杭州西湖茶业', 'Blue Ocean Co'];
const INDUSTRIES = ['制造业', '零售', '餐饮', '物流', '咨询'];
const REGIONS = ['北京', '上海', '深圳', '杭州', '广州'];

function seed(count: number): void {
  for (let i = 0; i < count; i++) {
    const id = nextId++;
    const at = Date.now() - i * 3_600_000;
    customers.set(id, {
      id,
      code: `C${String(id).padStart(6, '0')}`,
      kind: i % 7 === 0 ? 'person' : 'company',
      name: `${NAMES[i % NAMES.length]} ${id}`,
      industry: INDUSTRIES[i % INDUSTRIES.length] ?? '',
      region: REGIONS[i % REGIONS.length] ?? '',
      address: '某路 1 号',
      phone: `138${String(10000000 + id * 7919).slice(-8)}`,
      email: `c${id}@example.com`,
      website: '',
      source: '转介绍',
      size: 'small',
      stage: (['lead', 'new', 'active', 'dormant', 'lost'] as const)[i % 5] ?? 'lead',
      grade: GRADES[i % 4] ?? 'normal',
      ownerId: 1,
      ownerName: '张老板',
      birthday: '',
      birthdayCalendar: 'gregorian',
      notes: '',
      tags: i % 3 === 0 ? ['老客户'] : [],
      contacts: [
        { id: nextContactId++, name: '刘经理', title: '采购', phone: '', mobile: '13900001111', email: '', wechat: 'liu', decisionMaker: true, birthday: '' },
      ],
      gradeHistory: [{ grade: GRADES[i % 4] ?? 'normal', at, byName: '张老板' }],
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      version: 1,
      actions: EVERY_ACTION,
    });
  }
}
if (ready) seed(300);

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function rowOf(c: Customer): CustomerRow {
  return { id: c.id, code: c.code, kind: c.kind, name: c.name, industry: c.industry, region: c.region, phone: c.phone, stage: c.stage, grade: c.grade, ownerName: c.ownerName, updatedAt: c.updatedAt, deletedAt: c.deletedAt, actions: c.actions };
}

type Filters = { grade?: string; industry?: string; region?: string; stage?: string; ownerId?: number; tag?: string };
function matches(c: Customer, f: Filters): boolean {
  return (
    c.deletedAt === null &&
    (!f.grade || c.grade === f.grade) &&
    (!f.industry || c.industry === f.industry) &&
    (!f.region || c.region === f.region) &&
    (!f.stage || c.stage === f.stage) &&
    (!f.ownerId || c.ownerId === f.ownerId) &&
    (!f.tag || c.tags.includes(f.tag))
  );
}

async function handle(method: string, raw: unknown): Promise<Result<unknown>> {
  await new Promise((r) => setTimeout(r, 120));
  if (!isMethodName(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `mock: no method ${method}` } };
  const parsed = contract[method].input.safeParse(raw);
  if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: `${method}: invalid input`, details: parsed.error.issues } };
  const input = parsed.data as Record<string, unknown>; // validated just above; each branch reads its own fields
  const permission = contract[method].permission;
  if (permission !== 'public' && !session) return { ok: false, error: { code: 'UNAUTHENTICATED', message: `${method}: signed out` } };
  if (session?.user.mustChangePassword && method !== 'auth.changePassword' && method !== 'auth.signOut' && permission !== 'public') {
    return fail('PASSWORD_CHANGE_REQUIRED', `${method}: change the initial password first`);
  }
  if (session && permission !== 'public' && permission !== 'signedIn' && !session.permissions.includes(permission)) return fail('FORBIDDEN', `${method}: not allowed`);

  switch (method) {
    case 'setup.status':
      return ok({ initialised, shopName });
    case 'setup.create': {
      if (initialised) return { ok: false, error: { code: 'ALREADY_INITIALISED', message: 'setup.create: done' } };
      initialised = true;
      shopName = String(input.shopName);
      const owner: User = { id: 1, username: String(input.ownerUsername), displayName: String(input.ownerDisplayName), role: 'owner', active: true, mustChangePassword: false, lastSignInAt: Date.now(), version: 1 };
      users[0] = owner;
      passwords.set(1, String(input.password));
      if (input.sampleData) seed(300);
      session = sessionOf(owner);
      await new Promise((r) => setTimeout(r, 800));
      return ok({ recoveryKey: 'K7QF-3MZP-X9LD-W2RT-HB6N-C4VJ-8SGA-YE5U', session });
    }
    case 'auth.signIn': {
      if (Date.now() < lockedUntil) return { ok: false, error: { code: 'LOCKED_OUT', message: 'locked', details: { retryAt: lockedUntil, retryInSeconds: Math.ceil((lockedUntil - Date.now()) / 1000) } } };
      const user = users.find((u) => u.username === input.username && u.active);
      if (!user || input.password !== passwords.get(user.id)) {
        failedAttempts += 1;
        if (failedAttempts >= 5) {
          lockedUntil = Date.now() + 90_000;
          failedAttempts = 0;
          return { ok: false, error: { code: 'LOCKED_OUT', message: 'locked', details: { retryAt: lockedUntil, retryInSeconds: 90 } } };
        }
        return { ok: false, error: { code: 'BAD_PASSWORD', message: 'auth.signIn: bad password', details: { attemptsLeft: 5 - failedAttempts } } };
      }
      failedAttempts = 0;
      user.lastSignInAt = Date.now();
      session = sessionOf(user);
      record('auth.signIn', 'session', user.id, user.username);
      return ok(session);
    }
    case 'auth.changePassword': {
      const user = users.find((u) => u.id === session?.user.id);
      if (!user) return fail('NOT_FOUND', 'auth.changePassword: gone');
      if (passwords.get(user.id) !== input.oldPassword) return fail('BAD_PASSWORD', 'auth.changePassword: wrong old password');
      const bad = checkPassword('newPassword', String(input.newPassword), user.username);
      if (bad) return bad;
      passwords.set(user.id, String(input.newPassword));
      Object.assign(user, { mustChangePassword: false, version: user.version + 1 });
      session = sessionOf(user);
      record('auth.passwordChanged', 'user', user.id, user.username);
      return ok(session);
    }
    case 'auth.recover': {
      const user = users.find((u) => u.username === input.username && u.role === 'owner');
      if (!user || String(input.recoveryKey).toUpperCase().replace(/[\s-]/g, '') !== 'K7QF3MZPX9LDW2RTHB6NC4VJ8SGAYE5U') return fail('BAD_PASSWORD', 'auth.recover: wrong key');
      passwords.set(user.id, String(input.newPassword));
      session = sessionOf(user);
      return ok(session);
    }
    case 'settings.get':
      return ok(settings);
    case 'settings.update': {
      const before = settings;
      settings = { ...settings, ...input };
      record('settings.update', 'settings', null, '', Object.keys(input).map((field) => ({ field, before: before[field as keyof Settings], after: input[field] })));
      if (session) session = { ...session, settings };
      return ok(settings);
    }
    case 'auth.signOut':
      session = null;
      return ok({});
    case 'auth.session':
      return ok(session);
    case 'users.list':
      return ok(users);
    case 'users.create': {
      if (users.some((u) => u.username === input.username)) return fail('CONFLICT', 'users.create: name taken');
      const bad = checkPassword('password', String(input.password), String(input.username));
      if (bad) return bad;
      const user: User = { id: users.length + 1, username: String(input.username), displayName: String(input.displayName), role: input.role as User['role'], active: true, mustChangePassword: true, lastSignInAt: null, version: 1 };
      users.push(user);
      passwords.set(user.id, String(input.password));
      record('user.create', 'user', user.id, user.username);
      return ok(user);
    }
    case 'users.setRole':
    case 'users.resetPassword':
    case 'users.deactivate':
    case 'users.reactivate': {
      const user = users.find((u) => u.id === input.id);
      if (!user) return fail('NOT_FOUND', `${method}: no such user`);
      if ('version' in input && input.version !== user.version) return fail('CONFLICT', `${method}: stale version`);
      const owners = users.filter((u) => u.role === 'owner' && u.active && u.id !== user.id).length;
      if ((method === 'users.deactivate' || (method === 'users.setRole' && input.role !== 'owner')) && user.role === 'owner' && owners === 0) {
        return fail('CONFLICT', `${method}: this is the last active owner`);
      }
      if (typeof input.newPassword === 'string') {
        const bad = checkPassword('newPassword', input.newPassword, user.username);
        if (bad) return bad;
        passwords.set(user.id, input.newPassword);
      }
      if (method === 'users.setRole') user.role = input.role as User['role'];
      if (method === 'users.deactivate') user.active = false;
      if (method === 'users.reactivate') Object.assign(user, { active: true, mustChangePassword: true });
      if (method === 'users.resetPassword') user.mustChangePassword = true;
      user.version += 1;
      record(method === 'users.setRole' ? 'user.roleChanged' : method === 'users.deactivate' ? 'user.deactivated' : method === 'users.reactivate' ? 'user.reactivated' : 'user.passwordReset', 'user', user.id, user.username);
      return ok(user);
    }
    case 'audit.list': {
      const q = input as { userId?: number; action?: string; entity?: string; from?: number; to?: number; cursor: string | null; limit: number };
      const rows = [...auditLog]
        .reverse()
        .filter((e) => (!q.userId || e.userId === q.userId) && (!q.action || e.action === q.action) && (!q.entity || e.entity === q.entity) && (q.from === undefined || e.at >= q.from) && (q.to === undefined || e.at <= q.to));
      const start = q.cursor ? Number(q.cursor) : 0;
      return ok({ rows: rows.slice(start, start + q.limit), nextCursor: start + q.limit < rows.length ? String(start + q.limit) : null });
    }
    case 'audit.verify':
      return ok({ ok: true, checked: auditLog.length, firstBad: null });
    case 'audit.export':
      return ok({ csv: '\uFEFFid,at,user,action\n' + auditLog.map((e) => `${e.id},${e.at},${e.username},${e.action}`).join('\n'), rows: auditLog.length });
    case 'system.rekey': {
      for (let done = 0; done <= 10; done++) {
        window.dispatchEvent(new CustomEvent('clientele:mock-progress', { detail: { type: 'progress', job: 'rekey', done, total: 10 } }));
        await new Promise((r) => setTimeout(r, 200));
      }
      record('system.rekey', 'system', null, '');
      return ok({ ms: 2000 });
    }
    case 'customers.purge': {
      const c = customers.get(Number(input.id));
      if (!c || c.deletedAt === null) return fail('NOT_FOUND', 'customers.purge: not in the bin');
      customers.delete(c.id);
      record('customer.purge', 'customer', c.id, c.name);
      return ok({ id: c.id });
    }
    case 'customers.list': {
      const q = input as Filters & { sort: string; direction: string; cursor: string | null; limit: number };
      const sorted = [...customers.values()].filter((c) => matches(c, q));
      const key = (c: Customer) => (q.sort === 'updated' ? c.updatedAt : q.sort === 'grade' ? GRADES.indexOf(c.grade) : c.name);
      sorted.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const cmp = x < y ? -1 : x > y ? 1 : a.id - b.id;
        return q.direction === 'desc' ? -cmp : cmp;
      });
      const start = q.cursor ? Number(q.cursor) : 0;
      const rows = sorted.slice(start, start + q.limit).map(rowOf);
      return ok({ rows, nextCursor: start + q.limit < sorted.length ? String(start + q.limit) : null });
    }
    case 'customers.count':
      return ok({ count: [...customers.values()].filter((c) => matches(c, input)).length });
    case 'customers.facets':
      return ok({ industries: INDUSTRIES, regions: REGIONS, tags: ['老客户', '团购', '学校'] });
    case 'customers.get': {
      const c = customers.get(Number(input.id));
      return c ? ok(c) : { ok: false, error: { code: 'NOT_FOUND', message: 'customers.get: no such customer' } };
    }
    case 'customers.create':
    case 'customers.update': {
      const existing = method === 'customers.update' ? customers.get(Number(input.id)) : undefined;
      if (method === 'customers.update') {
        if (!existing) return { ok: false, error: { code: 'NOT_FOUND', message: 'customers.update: gone' } };
        if (existing.version !== input.version) return { ok: false, error: { code: 'CONFLICT', message: 'customers.update: stale version' } };
      }
      const id = existing?.id ?? nextId++;
      const now = Date.now();
      const draft = input as unknown as Customer; // the validated draft has every Customer field that is not derived below
      const owner = users.find((u) => u.id === draft.ownerId);
      const saved: Customer = {
        ...draft,
        id,
        code: existing?.code ?? `C${String(id).padStart(6, '0')}`,
        ownerName: owner ? owner.displayName || owner.username : null,
        contacts: draft.contacts.map((c) => ({ ...c, id: c.id ?? nextContactId++ })),
        gradeHistory: existing && existing.grade === draft.grade ? existing.gradeHistory : [...(existing?.gradeHistory ?? []), { grade: draft.grade, at: now, byName: session?.user.displayName ?? null }],
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        deletedAt: null,
        version: (existing?.version ?? 0) + 1,
        ownerId: draft.ownerId ?? null,
        actions: EVERY_ACTION,
      };
      customers.set(id, saved);
      const fields = ['name', 'phone', 'email', 'grade', 'stage'] as const;
      const changes = existing ? fields.filter((f) => existing[f] !== saved[f]).map((field) => ({ field, before: existing[field], after: saved[field] })) : [];
      record(existing ? 'customer.update' : 'customer.create', 'customer', id, saved.name, changes);
      return ok(saved);
    }
    case 'customers.delete': {
      const c = customers.get(Number(input.id));
      if (!c) return { ok: false, error: { code: 'NOT_FOUND', message: 'customers.delete: gone' } };
      if (c.version !== input.version) return { ok: false, error: { code: 'CONFLICT', message: 'customers.delete: stale' } };
      customers.set(c.id, { ...c, deletedAt: Date.now(), version: c.version + 1 });
      return ok({ id: c.id });
    }
    case 'customers.restore': {
      const c = customers.get(Number(input.id));
      if (!c) return { ok: false, error: { code: 'NOT_FOUND', message: 'customers.restore: gone' } };
      const restored = { ...c, deletedAt: null, version: c.version + 1 };
      customers.set(c.id, restored);
      return ok(restored);
    }
    case 'customers.listDeleted': {
      const rows = [...customers.values()].filter((c) => c.deletedAt !== null).map(rowOf);
      return ok({ rows, nextCursor: null });
    }
    case 'search.query': {
      const q = String(input.q).toLowerCase();
      const matches = [...customers.values()].filter(
        (c) => c.deletedAt === null && (c.name.toLowerCase().includes(q) || c.phone.includes(q) || c.contacts.some((x) => x.name.includes(q))),
      );
      const hits = matches.slice(0, Number(input.limit)).map((c) => {
        const contact = c.name.toLowerCase().includes(q) || c.phone.includes(q) ? null : (c.contacts.find((x) => x.name.includes(q)) ?? null);
        return { id: c.id, code: c.code, name: c.name, phone: c.phone, grade: c.grade, matchedIn: contact ? 'contactName' : 'name', matchedText: contact?.name ?? c.name, contactName: contact?.name ?? null };
      });
      return ok({ hits, total: matches.length });
    }
    case 'backup.getSettings':
      return ok(backupSettings);
    case 'backup.updateSettings':
      backupSettings = { ...backupSettings, ...input };
      return ok(backupSettings);
    case 'backup.status': {
      const last = backups[0]?.createdAt ?? null;
      return ok({ lastBackupAt: last, overdue: last === null || Date.now() - last > backupSettings.reminderDays * 86_400_000, reminderDays: backupSettings.reminderDays });
    }
    case 'backup.list':
      return ok(backups);
    case 'backup.cancel':
      backupCancelled = true;
      return ok({ cancelled: true });
    case 'backup.create': {
      const folder = String(input.folder);
      if (folder.includes('full')) return { ok: false, error: { code: 'IO', message: 'backup.create: ENOSPC' } };
      backupCancelled = false;
      const total = 48_000_000;
      for (let done = 0; done <= total; done += 2_400_000) {
        if (backupCancelled) return { ok: false, error: { code: 'CANCELLED', message: 'backup.create: cancelled' } };
        window.dispatchEvent(new CustomEvent('clientele:mock-progress', { detail: { type: 'progress', job: 'backup', done, total } }));
        await new Promise((r) => setTimeout(r, 150));
      }
      backupSettings = { ...backupSettings, folder };
      const file = `${folder.replace(/[\\/]+$/, '')}/Clientele-${shopName ?? 'shop'}-2026-05-01_1900.clbak`;
      backups.unshift({ file, bytes: total, createdAt: Date.now(), automatic: false });
      return ok({ file, bytes: total, sha256: '3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d', counts: mockCounts(), ms: 3000 });
    }
    case 'backup.verify':
    case 'setup.verifyBackup':
    case 'backup.restore':
    case 'setup.restore': {
      const file = String(input.file);
      if (file.includes('bad')) return { ok: false, error: { code: 'CORRUPT', message: `${method}: bad checksum` } };
      if (file.includes('other')) return { ok: false, error: { code: 'CONFLICT', message: `${method}: other shop`, details: { reason: 'otherShop', shopName: '李四杂货' } } };
      const manifest = { appVersion: '0.1.0', schemaVersion: 2, createdAt: Date.now() - 86_400_000, createdBy: 'owner', shopName: shopName ?? '张三五金店', shopId: 'mock', counts: { customers: 280, contacts: 280, users: 2, audit_log: 40 }, payloadBytes: 48_000_000, sha256: '3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d' };
      if (method === 'backup.verify' || method === 'setup.verifyBackup') return ok({ file, bytes: 48_000_000, manifest, current: initialised ? { shopName: shopName ?? '', counts: mockCounts() } : null, ms: 800 });
      initialised = true;
      shopName = manifest.shopName;
      session = null;
      return ok({ manifest, movedAside: method === 'backup.restore' ? 'backups/before-restore-20260502-1000' : null, ms: 2000 });
    }
    default:
      return { ok: false, error: { code: 'INTERNAL', message: `mock: ${method} is not faked` } };
  }
}

export async function mockTransport(method: string, input: unknown): Promise<Result<unknown>> {
  return handle(method, input);
}
