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
import type { SessionInfo, User } from '../../../shared/api/auth.ts';
import { PERMISSIONS } from '../../../shared/roles.ts';
import type { Result } from '../../../shared/errors.ts';

const ready = new URLSearchParams(location.search).has('ready');
let initialised = ready;
let shopName: string | null = ready ? '张三五金店' : null;
let session: SessionInfo | null = null;
let failedAttempts = 0;
let lockedUntil = 0;
const users: User[] = [
  { id: 1, username: 'owner', displayName: '张老板', role: 'owner', active: true },
  { id: 2, username: 'li', displayName: '李娜', role: 'staff', active: true },
];
const customers = new Map<number, Customer>();
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
    });
  }
}
if (ready) seed(300);

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function rowOf(c: Customer): CustomerRow {
  return { id: c.id, code: c.code, kind: c.kind, name: c.name, industry: c.industry, region: c.region, phone: c.phone, stage: c.stage, grade: c.grade, ownerName: c.ownerName, updatedAt: c.updatedAt, deletedAt: c.deletedAt };
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

  switch (method) {
    case 'setup.status':
      return ok({ initialised, shopName });
    case 'setup.create': {
      if (initialised) return { ok: false, error: { code: 'ALREADY_INITIALISED', message: 'setup.create: done' } };
      initialised = true;
      shopName = String(input.shopName);
      users[0] = { id: 1, username: String(input.ownerUsername), displayName: String(input.ownerDisplayName), role: 'owner', active: true };
      if (input.sampleData) seed(300);
      session = { user: users[0], permissions: [...PERMISSIONS], shopName };
      await new Promise((r) => setTimeout(r, 800));
      return ok({ recoveryKey: 'K7QF-3MZP-X9LD-W2RT-HB6N-C4VJ-8SGA-YE5U', session });
    }
    case 'auth.signIn': {
      if (Date.now() < lockedUntil) return { ok: false, error: { code: 'LOCKED_OUT', message: 'locked', details: { retryAt: lockedUntil, retryInSeconds: Math.ceil((lockedUntil - Date.now()) / 1000) } } };
      const user = users.find((u) => u.username === input.username);
      if (!user || input.password !== 'password123') {
        failedAttempts += 1;
        if (failedAttempts >= 5) {
          lockedUntil = Date.now() + 90_000;
          failedAttempts = 0;
          return { ok: false, error: { code: 'LOCKED_OUT', message: 'locked', details: { retryAt: lockedUntil, retryInSeconds: 90 } } };
        }
        return { ok: false, error: { code: 'BAD_PASSWORD', message: 'auth.signIn: bad password', details: { attemptsLeft: 5 - failedAttempts } } };
      }
      failedAttempts = 0;
      session = { user, permissions: [...PERMISSIONS], shopName: shopName ?? '' };
      return ok(session);
    }
    case 'auth.signOut':
      session = null;
      return ok({});
    case 'auth.session':
      return ok(session);
    case 'users.list':
      return ok(users);
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
      };
      customers.set(id, saved);
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
      const hits = [...customers.values()]
        .filter((c) => c.deletedAt === null && (c.name.toLowerCase().includes(q) || c.phone.includes(q) || c.contacts.some((x) => x.name.includes(q))))
        .slice(0, Number(input.limit))
        .map((c) => ({ id: c.id, code: c.code, name: c.name, phone: c.phone, grade: c.grade, contactName: c.name.toLowerCase().includes(q) ? null : (c.contacts[0]?.name ?? null) }));
      return ok({ hits });
    }
    default:
      return { ok: false, error: { code: 'INTERNAL', message: `mock: ${method} is not faked` } };
  }
}

export async function mockTransport(method: string, input: unknown): Promise<Result<unknown>> {
  return handle(method, input);
}
