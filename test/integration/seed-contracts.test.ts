// `clientele seed` adds contracts and attachments (contracts/seed.ts, attachments/seed.ts): about
// one contract per two customers, unique HT-<year>-NNNN numbers, every status at the seed's clock,
// auto-renewing ones already rolled forward (the first read renews nothing); small PDFs whose
// Chinese text pdftotext extracts and PNGs, read back through the app with matching hashes, the
// same file on many owners stored once; contracts found by the search box; the same seed makes the
// same data whatever its batches.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_STATUSES, type ContractRow } from '../../shared/api/contracts.ts';
import type { Attachment } from '../../shared/api/attachments.ts';
import { downloaded, rawDb } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, type Harness } from './harness.ts';

const CUSTOMERS = 600;
let h: Harness;
let contracts: ContractRow[];
const scratch = mkdtempSync(join(tmpdir(), 'clientele-seed-files-'));

async function allContracts(): Promise<ContractRow[]> {
  const out: ContractRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: ContractRow[]; nextCursor: string | null } = await h.call('owner', 'contracts.list', { cursor, limit: 100 });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  h = makeHarness();
  await shopWithRoles(h);
  await h.call('owner', 'settings.update', { idleLockMinutes: 0 });
  const seeded = await h.call('owner', 'system.seed', { customers: CUSTOMERS, seed: 11 });
  expect(seeded.customers).toBe(CUSTOMERS);
  contracts = await allContracts();
  expect(seeded.contracts).toBe(contracts.length);
}, 180_000);
afterAll(() => {
  h.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('seeded contracts', () => {
  it('are about one per two customers, numbered HT-<year>-NNNN without repeats', () => {
    expect(contracts.length).toBeGreaterThan(CUSTOMERS * 0.4);
    expect(contracts.length).toBeLessThan(CUSTOMERS * 0.6);
    expect(contracts.every((row) => /^HT-20\d\d-\d{4,}$/.test(row.number))).toBe(true);
    expect(new Set(contracts.map((row) => row.number.toLowerCase())).size).toBe(contracts.length);
    expect(new Set(contracts.map((row) => row.type))).toEqual(new Set(['sales', 'service', 'framework', 'nda', 'other']));
    expect(contracts.some((row) => row.amount === null) && contracts.every((row) => row.amount === null || Number.isInteger(row.amount))).toBe(true);
  });

  it('cover every status at the seed clock, and the first read has nothing to renew', async () => {
    const counts = Object.fromEntries(CONTRACT_STATUSES.map((status) => [status, contracts.filter((row) => row.status === status).length]));
    for (const status of CONTRACT_STATUSES) expect(counts[status], status).toBeGreaterThan(0);
    // The list above was the first read after the seed: the auto-renewing ones were already rolled forward.
    expect((await h.call('owner', 'audit.list', { action: 'contract.renew' })).rows).toEqual([]);
    const renewed = contracts.find((row) => row.status === 'renewed')!;
    const history = (await h.call('owner', 'contracts.get', { id: renewed.id })).events.filter((event) => event.kind === 'renewed');
    expect(history.length).toBeGreaterThan(0);
    expect(history.at(-1)?.toEnd).toBe(renewed.endOn);
    const expiring = await h.call('owner', 'contracts.expiringCount', {});
    expect(expiring.count).toBe(counts.expiring);
  });

  it('are found by the search box by number and title', async () => {
    const some = contracts[17]!;
    const hits = (await h.call('owner', 'search.query', { q: some.number })).hits;
    expect(hits[0]).toMatchObject({ kind: 'contract', id: some.id, number: some.number, title: some.title });
    const byTitle = (await h.call('owner', 'search.query', { q: some.title, limit: 50 })).contractTotal;
    expect(byTitle).toBeGreaterThan(0);
  });
});

describe('seeded attachments', () => {
  const files: { attachment: Attachment; bytes: Buffer }[] = [];

  beforeAll(async () => {
    // The owners that have files, straight from the table; their files and bytes through the app.
    const db = await rawDb(h);
    const owners = db.prepare('SELECT DISTINCT owner_kind AS kind, owner_id AS id FROM attachments ORDER BY owner_kind, owner_id').all() as { kind: 'customer' | 'contract'; id: number }[];
    db.close();
    expect(owners.some((owner) => owner.kind === 'customer')).toBe(true);
    expect(owners.some((owner) => owner.kind === 'contract')).toBe(true);
    for (const owner of owners.slice(0, 60)) {
      for (const attachment of (await h.call('owner', 'attachments.list', { owner })).rows) {
        files.push({ attachment, bytes: await downloaded(h.core, 'owner', await h.call('owner', 'attachments.preview', { id: attachment.id })) });
      }
    }
  }, 120_000);

  it('read back whole, with the hash, size and sniffed type they were stored with', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const { attachment, bytes } of files) {
      expect(createHash('sha256').update(bytes).digest('hex'), attachment.name).toBe(attachment.sha256);
      expect(bytes.length).toBe(attachment.size);
      expect(['application/pdf', 'image/png']).toContain(attachment.type);
    }
    expect(files.some(({ attachment }) => attachment.type === 'image/png')).toBe(true);
  });

  it('include PDFs whose Chinese text pdftotext extracts and pdfinfo finds valid', () => {
    const pdfs = files.filter(({ attachment }) => attachment.type === 'application/pdf');
    const contractPdf = pdfs.find(({ attachment }) => attachment.owner.kind === 'contract')!;
    const shared = pdfs.find(({ attachment }) => attachment.owner.kind === 'customer')!;
    for (const { attachment, bytes } of [contractPdf, shared]) {
      const file = join(scratch, `${attachment.id}.pdf`);
      writeFileSync(file, bytes);
      // pdfinfo exits non-zero on a file it cannot parse; stderr would carry xref repairs.
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(info).toMatch(/Pages:\s+1/);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text, attachment.name).toMatch(/\p{Script=Han}{4,}/u);
    }
    const contract = contracts.find((row) => row.id === contractPdf.attachment.owner.id)!;
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(scratch, `${contractPdf.attachment.id}.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toContain(`合同编号：${contract.number}`);
    expect(text.replace(/\s/g, '')).toContain(contract.title.replace(/\s/g, ''));
  });

  it('store the same file once however many owners hold it', async () => {
    const db = await rawDb(h);
    try {
      const sharedBlobs = db.prepare('SELECT blob_id, count(*) AS holders FROM attachments GROUP BY blob_id HAVING count(*) > 1').all() as { blob_id: number; holders: number }[];
      expect(sharedBlobs.length).toBeGreaterThan(0);
      const blobs = (db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
      const distinct = (db.prepare('SELECT count(DISTINCT sha256) AS n FROM blobs').get() as { n: number }).n;
      const attachments = (db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;
      expect(blobs).toBe(distinct);
      expect(blobs).toBeLessThan(attachments);
      // Every attachment holds its blob as 'attachment:<id>'.
      const unheld = (db.prepare("SELECT count(*) AS n FROM attachments a LEFT JOIN blob_refs r ON r.holder = 'attachment:' || a.id AND r.blob_id = a.blob_id WHERE r.holder IS NULL").get() as { n: number }).n;
      expect(unheld).toBe(0);
    } finally {
      db.close();
    }
    const verified = await h.call('owner', 'attachments.verify', {});
    expect(verified.damaged).toEqual([]);
  });
});

describe('the same seed', () => {
  it('makes the same contracts and files, whatever the batches', async () => {
    const other = makeHarness();
    try {
      await shopWithRoles(other);
      await other.call('owner', 'system.seed', { customers: CUSTOMERS, seed: 11 });
      const fingerprint = async (harness: Harness) => {
        const db = await rawDb(harness);
        try {
          const rows = db.prepare('SELECT number, title, customer_id, signed_on, end_on, amount FROM contracts ORDER BY id').all();
          const files = db.prepare('SELECT a.owner_kind, a.owner_id, a.name, b.sha256 FROM attachments a JOIN blobs b ON b.id = a.blob_id ORDER BY a.id').all();
          return createHash('sha256').update(JSON.stringify([rows, files])).digest('hex');
        } finally {
          db.close();
        }
      };
      expect(await fingerprint(other)).toBe(await fingerprint(h));
    } finally {
      other.cleanup();
    }
  }, 180_000);
});
