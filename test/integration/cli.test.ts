// The command line as scripts use it: JSON out, exit codes, passwords from the environment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../electron/cli/bin.mjs');
const PASSWORD = 'cli-password-4815';

function clientele(args: string[], password = PASSWORD) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CLIENTELE_PASSWORD: password } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('clientele CLI', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clientele-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('init prints the recovery key as JSON, and refuses a second init', () => {
    const init = clientele(['init', '--data-dir', dataDir, '--shop', '张三小店', '--owner', 'boss', '--json']);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout).recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const again = clientele(['init', '--data-dir', dataDir, '--shop', 'x', '--owner', 'boss', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('ALREADY_INITIALISED');
  });

  it('seeds, then reports status and passes the integrity check', () => {
    const seed = clientele(['seed', '--data-dir', dataDir, '--user', 'boss', '--customers', '50', '--seed', '2', '--json']);
    expect(seed.code, seed.stderr).toBe(0);
    expect(JSON.parse(seed.stdout)).toMatchObject({ customers: 50 });
    const status = clientele(['status', '--data-dir', dataDir, '--user', 'boss', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, cipher: 'aegis', counts: { customers: 50, users: 1 } });
    expect(report.counts.contacts).toBeGreaterThanOrEqual(50);
    expect(report.files['clientele.db']).toBeGreaterThan(0);
    expect(report.files['keyslots.json']).toBeGreaterThan(0);
    const check = clientele(['check', '--data-dir', dataDir, '--user', 'boss']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('ok');
  });

  it('fails clearly: wrong password, missing options, bad numbers, unknown command', () => {
    const wrong = clientele(['status', '--data-dir', dataDir, '--user', 'boss'], 'not-the-password');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('BAD_PASSWORD');
    expect(clientele(['status', '--data-dir', dataDir]).stderr).toContain('--user');
    const badCount = clientele(['seed', '--data-dir', dataDir, '--user', 'boss', '--customers', 'lots']);
    expect(badCount.code).toBe(1);
    expect(badCount.stderr).toContain('VALIDATION');
    expect(clientele(['frobnicate', '--data-dir', dataDir]).code).toBe(1);
    expect(clientele(['status', '--bogus-flag']).code).toBe(2);
    const empty = mkdtempSync(join(tmpdir(), 'clientele-cli-empty-'));
    try {
      const notSetUp = clientele(['status', '--data-dir', empty, '--user', 'boss', '--json']);
      expect(JSON.parse(notSetUp.stderr).error.code).toBe('NOT_INITIALISED');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
