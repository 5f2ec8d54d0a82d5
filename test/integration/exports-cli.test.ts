// `clientele export ENTITY --format csv|xlsx --out FILE [--force] [--encoding gbk]`: the file the
// app's Export gives, saved where asked; an existing file refused without --force (and left
// untouched), replaced with it; GBK CSV decodes to the UTF-8 one; a bad option said clearly. A
// process per command (seconds each to load the core on a busy 2-core machine): long timeouts.
import * as XLSX from '@e965/xlsx';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, coreOn, testClock } from './harness.ts';
import { BIN } from './fixtures/processes.ts';

const PASSWORD = 'cli-password-4815';
const clock = testClock();
clock.now = new Date(2026, 10, 22, 12, 0, 0).getTime();

let dataDir: string;
let outDir: string;

function clientele(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir, '--user', 'boss'], {
    encoding: 'utf8',
    env: childEnv(clock, { CLIENTELE_PASSWORD: PASSWORD }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clientele-exports-cli-'));
  outDir = mkdtempSync(join(tmpdir(), 'clientele-exports-out-'));
  const core = coreOn(clock, { dataDir });
  try {
    const ok = async (method: string, input: unknown) => {
      const result = await core.invoke('setup', method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value;
    };
    await ok('setup.create', { shopName: '张三小店', ownerUsername: 'boss', password: PASSWORD, sampleData: false });
    await ok('customers.create', { name: '甲公司', phone: '01012345678', contacts: [{ name: '王五', mobile: '13800138000' }], tags: ['老客户'] });
    await ok('customers.create', { name: '=乙公司' });
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('clientele export', () => {
  it('writes customers as CSV, refuses an existing file without --force, replaces it with --force', () => {
    const file = join(outDir, '客户.csv');
    const first = clientele(['export', 'customers', '--format', 'csv', '--out', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ file, entity: 'customers', format: 'csv', encoding: 'utf8bom', rows: 2 });
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain('01012345678');
    expect(text).toContain("'=乙公司");
    expect(text).toContain('\r\n');

    writeFileSync(file, 'mine');
    const refused = clientele(['export', 'customers', '--format', 'csv', '--out', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/CONFLICT: .*already exists; pass --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');

    const forced = clientele(['export', 'customers', '--format', 'csv', '--out', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/wrote 2 customers to /);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.part'))).toEqual([]);
  }, 120_000);

  it('writes GBK (GB18030) CSV that decodes to the same text, and .xlsx with text phones', () => {
    const utf8 = join(outDir, 'u.csv');
    const gbk = join(outDir, 'g.csv');
    expect(clientele(['export', 'customers', '--format', 'csv', '--out', utf8]).code).toBe(0);
    const run = clientele(['export', 'customers', '--format', 'csv', '--encoding', 'gbk', '--out', gbk]);
    expect(run.code, run.stderr).toBe(0);
    expect(iconv.decode(readFileSync(gbk), 'gb18030')).toBe(readFileSync(utf8, 'utf8').replace(/^\uFEFF/, ''));

    const xlsx = join(outDir, 'c.xlsx');
    const book = clientele(['export', 'contacts', '--format', 'xlsx', '--out', xlsx, '--lang', 'en-US']);
    expect(book.code, book.stderr).toBe(0);
    const ws = XLSX.read(readFileSync(xlsx)).Sheets.contacts!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws);
    expect(rows).toEqual([expect.objectContaining({ Customer: '甲公司', Name: '王五', Mobile: '13800138000' })]);
  }, 120_000);

  it('says what is wrong with a bad entity, format or encoding, writing nothing', () => {
    const file = join(outDir, 'bad.csv');
    expect(clientele(['export', 'users', '--format', 'csv', '--out', file]).stderr).toMatch(/VALIDATION: export needs an entity: customers\|contacts/);
    expect(clientele(['export', 'customers', '--format', 'pdf', '--out', file]).stderr).toMatch(/VALIDATION: export needs --format csv\|xlsx \(not "pdf"\)/);
    expect(clientele(['export', 'customers', '--format', 'csv', '--encoding', 'big5', '--out', file]).stderr).toMatch(/VALIDATION: export --encoding takes/);
    expect(existsSync(file)).toBe(false);
  }, 120_000);
});
