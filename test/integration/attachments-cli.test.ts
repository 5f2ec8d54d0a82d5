// `clientele attachments add|get|verify`: files through the command line's door (a path the core
// checks and reads under the shop's limit), a copy written only into the file the user named (and
// removed again when the stored file turns out damaged), and verify naming each damaged file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './fixtures/processes.ts';
import { flipByte, insertContract, makePdf } from './attachments-kit.ts';
import { childEnv, makeHarness, OWNER_PASSWORD, shopWithRoles, USER_PASSWORD, type Harness } from './harness.ts';

type Run = { code: number | null; stdout: string; stderr: string };
type Added = { id: number; name: string; type: string; size: number; sha256: string };

/** Every CLI run starts Node and tsx and derives a key (argon2id): seconds each on a busy machine. */
const SLOW = { timeout: 240_000 };
const MiB = 1024 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('clientele attachments', () => {
  let h: Harness;
  let files: string;
  let customerCode: string;
  const pdf = makePdf('CLI attached PDF');
  const text = Buffer.from('客户拜访记录\n第二行\n');

  function clientele(args: string[], options: { user?: string } = {}): Run {
    const user = options.user ?? 'boss';
    const env = childEnv(h.clock, { CLIENTELE_PASSWORD: user === 'boss' ? OWNER_PASSWORD : USER_PASSWORD });
    const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', h.dataDir, '--user', user], { encoding: 'utf8', env, cwd: files, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  function refusal(run: Run): { code: string; message: string; details?: Record<string, unknown> } {
    expect(run.code, run.stdout).toBe(1);
    return (JSON.parse(run.stderr) as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
  }

  beforeAll(async () => {
    h = makeHarness();
    await shopWithRoles(h);
    const customer = await h.call('owner', 'customers.create', { name: '张三科技' });
    customerCode = customer.code;
    await insertContract(h, customer.id, 'HT-2026-0007');
    h.core.close(); // the CLI processes open the folder themselves
    files = join(h.dataDir, 'chosen');
    mkdirSync(files);
    writeFileSync(join(files, '报价单.pdf'), pdf);
    writeFileSync(join(files, 'notes.txt'), text);
    writeFileSync(join(files, 'empty.txt'), '');
    // 101 MB taking no disk (sparse): over the default limit of 100 MB.
    writeFileSync(join(files, 'big.bin'), '');
    truncateSync(join(files, 'big.bin'), 101 * MiB);
  }, SLOW.timeout);
  afterAll(() => h.cleanup());

  let addedPdf: Added;

  it('adds files to a customer by its code and to a contract by its number; refuses what it must, naming each file', SLOW, () => {
    const toCustomer = clientele(['attachments', 'add', '--to', `customer:${customerCode.toLowerCase()}`, '报价单.pdf', 'notes.txt', '--json']);
    expect(toCustomer.code, toCustomer.stderr).toBe(0);
    const answer = JSON.parse(toCustomer.stdout) as { added: Added[]; refused: unknown[] };
    expect(answer.refused).toEqual([]);
    expect(answer.added).toMatchObject([
      { name: '报价单.pdf', type: 'application/pdf', size: pdf.length, sha256: sha256(pdf) },
      { name: 'notes.txt', type: 'text/plain', size: text.length, sha256: sha256(text) },
    ]);
    addedPdf = answer.added[0]!;

    const toContract = clientele(['attachments', 'add', '--to', 'contract:ht-2026-0007', 'notes.txt', 'big.bin', 'empty.txt', 'missing.txt', '--json']);
    expect(toContract.code).toBe(1);
    const mixed = JSON.parse(toContract.stdout) as { owner: unknown; added: Added[]; refused: { file: string; error: { code: string; details?: unknown } }[] };
    expect(mixed.added.map((a) => a.name)).toEqual(['notes.txt']);
    expect(mixed.refused).toMatchObject([
      { file: join(files, 'big.bin'), error: { code: 'TOO_LARGE', details: { limit: 100 * MiB, size: 101 * MiB } } },
      { file: join(files, 'empty.txt'), error: { code: 'VALIDATION', details: { reason: 'empty' } } },
      { file: join(files, 'missing.txt'), error: { code: 'IO', details: { reason: 'gone' } } },
    ]);

    expect(refusal(clientele(['attachments', 'add', '--to', 'contract:HT-1999-0001', 'notes.txt', '--json']))).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'owner' } });
    expect(refusal(clientele(['attachments', 'add', 'notes.txt', '--json'])).message).toContain('--to contract:NUMBER or --to customer:CODE');
    // The viewer may not add (customers.write): the core refuses the upload itself.
    const viewer = clientele(['attachments', 'add', '--to', `customer:${customerCode}`, 'notes.txt', '--json'], { user: 'viewer' });
    expect(JSON.parse(viewer.stdout).refused[0].error.code).toBe('FORBIDDEN');
  });

  it('saves a copy into the file named, never over one without --force, and refuses a role without the export right', SLOW, () => {
    const saved = clientele(['attachments', 'get', String(addedPdf.id), '--out', 'copy.pdf', '--json']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ name: '报价单.pdf', size: pdf.length, sha256: sha256(pdf), file: join(files, 'copy.pdf') });
    expect(readFileSync(join(files, 'copy.pdf')).equals(pdf)).toBe(true);

    writeFileSync(join(files, 'mine.pdf'), 'my own file');
    expect(refusal(clientele(['attachments', 'get', String(addedPdf.id), '--out', 'mine.pdf', '--json']))).toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(join(files, 'mine.pdf'), 'utf8')).toBe('my own file');
    const forced = clientele(['attachments', 'get', String(addedPdf.id), '--out', 'mine.pdf', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(files, 'mine.pdf')).equals(pdf)).toBe(true);

    expect(refusal(clientele(['attachments', 'get', String(addedPdf.id), '--out', 'staff.pdf', '--json'], { user: 'staff' }))).toMatchObject({ code: 'FORBIDDEN' });
    // Nothing left behind: no refused copy, no temporary file beside the ones written.
    expect(readdirSync(files).sort()).toEqual(['big.bin', 'copy.pdf', 'empty.txt', 'mine.pdf', 'notes.txt', '报价单.pdf'].sort());
  });

  it('verify names each damaged file and exits 1; get of a damaged file fails CORRUPT and leaves no file', SLOW, async () => {
    const intact = clientele(['attachments', 'verify', '--json']);
    expect(intact.code, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toEqual({ checked: 3, damaged: [] });

    await flipByte(h, addedPdf.sha256);
    const damaged = clientele(['attachments', 'verify', '--json']);
    expect(damaged.code).toBe(1);
    const verdict = JSON.parse(damaged.stdout) as { checked: number; damaged: { id: number; name: string; customerName: string }[]; message: string };
    expect(verdict.damaged).toEqual([{ id: addedPdf.id, name: '报价单.pdf', owner: { kind: 'customer', id: 1 }, customerName: '张三科技' }]);
    expect(verdict.message).toContain('报价单.pdf');
    const plain = clientele(['attachments', 'verify'], { user: 'manager' });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^clientele attachments verify: 1 of 3 attached files are damaged: #\d+ 报价单\.pdf \(customer 1, 张三科技\)\n$/);

    const out = join(h.dataDir, 'out');
    mkdirSync(out);
    const failed = refusal(clientele(['attachments', 'get', String(addedPdf.id), '--out', join(out, 'copy.pdf'), '--json']));
    expect(failed).toMatchObject({ code: 'CORRUPT', details: { reason: 'blob', name: '报价单.pdf' } });
    expect(failed.message).toContain('报价单.pdf');
    expect(readdirSync(out)).toEqual([]);
  });
});
