// Attachments in the core (areas/attachments): files kept with customers and contracts, stored
// once however often attached, freed with their last holder, re-hashed on every read, named safely,
// typed by their content, limited by the owner's setting before a byte is read, and carried by
// their owner through its recycle bin. Scope and roles: here the row-level rules; every method ×
// every role is in permissions.test.ts and masking.test.ts.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, AttachmentOwner } from '../../shared/api/attachments.ts';
import { CHUNK_BYTES } from '../../electron/core/files/blob-store.ts';
import { makePng } from '../fixtures/images.ts';
import { attach, downloaded, drained, flipByte, gb18030, insertContract, makePdf, rawDb, stage, storeCounts, streamed } from './attachments-kit.ts';
import { makeHarness, shopWithRoles, userNamed, type Harness } from './harness.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MiB = 1024 * 1024;

/** Bytes this process has read through read() and friends so far (Linux /proc; page cache included). */
function bytesReadByThisProcess(): number {
  const line = readFileSync('/proc/self/io', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('rchar:'));
  return Number(line!.split(/\s+/)[1]); // the kernel always writes rchar
}

describe('attachments', () => {
  let h: Harness;
  let sessions: Awaited<ReturnType<typeof shopWithRoles>>;
  /** A customer the owner is responsible for, one the staff member created (and is responsible for), and a contract of each. */
  let ownersCustomer: AttachmentOwner;
  let staffCustomer: AttachmentOwner;
  let ownersContract: AttachmentOwner;
  let staffContract: AttachmentOwner;

  beforeAll(async () => {
    h = makeHarness();
    sessions = await shopWithRoles(h);
    const boss = await userNamed(h, 'boss');
    ownersCustomer = { kind: 'customer', id: (await h.call(sessions.owner, 'customers.create', { name: '张三科技', ownerId: boss.id })).id };
    staffCustomer = { kind: 'customer', id: (await h.call(sessions.staff, 'customers.create', { name: '李四商行' })).id };
    ownersContract = { kind: 'contract', id: await insertContract(h, ownersCustomer.id, 'HT-2026-0001') };
    staffContract = { kind: 'contract', id: await insertContract(h, staffCustomer.id, 'HT-2026-0002') };
  }, 120_000);
  afterAll(() => h.cleanup());

  it('adds files to a customer and a contract, lists them newest first, previews them byte for byte, and audits the add', async () => {
    const pdf = makePdf('Quotation 2026');
    const png = makePng(40, 30);
    const first = await attach(h, sessions.owner, ownersCustomer, pdf, 'C:\\Users\\me\\报价单.pdf', '第一版');
    h.clock.now += 1000;
    const second = await attach(h, sessions.owner, ownersCustomer, png, 'photo.png');
    const onContract = await attach(h, sessions.manager, ownersContract, pdf, '合同扫描件.pdf');
    expect(first).toMatchObject({
      owner: ownersCustomer,
      name: '报价单.pdf',
      description: '第一版',
      size: pdf.length,
      type: 'application/pdf',
      sha256: sha256(pdf),
      createdByName: '老板',
      deletedAt: null,
      version: 1,
      actions: { edit: true, delete: true, saveCopy: true },
    });
    expect(onContract).toMatchObject({ owner: ownersContract, createdByName: 'manager', type: 'application/pdf' });

    const listed = await h.call(sessions.viewer, 'attachments.list', { owner: ownersCustomer });
    expect(listed.rows.map((row) => row.id)).toEqual([second.id, first.id]);
    expect(listed.rows[0]!.actions).toEqual({ edit: false, delete: false, saveCopy: false });
    expect((await h.call(sessions.viewer, 'attachments.list', { owner: ownersContract })).rows.map((row) => row.id)).toEqual([onContract.id]);

    const preview = await h.call(sessions.viewer, 'attachments.preview', { id: second.id });
    expect(preview).toMatchObject({ name: 'photo.png', type: 'image/png', size: png.length, sha256: sha256(png) });
    expect((await downloaded(h.core, sessions.viewer, preview)).equals(png)).toBe(true);

    const adds = (await h.call(sessions.owner, 'audit.list', { action: 'attachment.add' })).rows;
    expect(adds).toHaveLength(3);
    expect(adds.at(-1)).toMatchObject({ username: 'boss', entity: 'attachment', entityId: first.id, label: '报价单.pdf' });
    expect(adds.at(-1)!.changes).toEqual([{ field: 'file', before: null, after: '报价单.pdf' }, { field: 'fileSize', before: null, after: pdf.length }]);
  });

  it('saves a copy (the export right, audited); renames and describes with CONFLICT on a stale version', async () => {
    const text = Buffer.from('会议纪要\n第二行\n');
    const added = await attach(h, sessions.staff, staffCustomer, text, 'notes.txt');
    expect(added.actions).toEqual({ edit: true, delete: true, saveCopy: false });
    await h.failure(sessions.staff, 'attachments.saveCopy', { id: added.id }, 'FORBIDDEN');
    const copy = await h.call(sessions.manager, 'attachments.saveCopy', { id: added.id });
    expect((await downloaded(h.core, sessions.manager, copy)).equals(text)).toBe(true);
    const saved = (await h.call(sessions.owner, 'audit.list', { action: 'attachment.saveCopy' })).rows;
    expect(saved[0]).toMatchObject({ username: 'manager', entityId: added.id, label: 'notes.txt' });

    const renamed = await h.call(sessions.staff, 'attachments.update', { id: added.id, version: 1, name: '会议纪要 12月.txt', description: '周一' });
    expect(renamed).toMatchObject({ name: '会议纪要 12月.txt', description: '周一', version: 2 });
    expect((await h.failure(sessions.manager, 'attachments.update', { id: added.id, version: 1, name: 'x.txt', description: '' }, 'CONFLICT')).message).toMatch(/changed by someone else/);
    const updates = (await h.call(sessions.owner, 'audit.list', { action: 'attachment.update' })).rows;
    expect(updates[0]!.changes).toEqual([
      { field: 'name', before: 'notes.txt', after: '会议纪要 12月.txt' },
      { field: 'description', before: '', after: '周一' },
    ]);
  });

  it('deletes to the owner\'s recycle bin and restores (staff only their own files), purges from the bin', async () => {
    const mine = await attach(h, sessions.staff, staffCustomer, Buffer.from('staff file'), 'mine.txt');
    const bosses = await attach(h, sessions.owner, staffCustomer, Buffer.from('boss file'), 'boss.txt');
    const staffView = (await h.call(sessions.staff, 'attachments.list', { owner: staffCustomer })).rows;
    expect(staffView.find((row) => row.id === bosses.id)!.actions.delete).toBe(false);
    expect(staffView.find((row) => row.id === mine.id)!.actions.delete).toBe(true);
    expect((await h.failure(sessions.staff, 'attachments.delete', { id: bosses.id, version: 1 }, 'FORBIDDEN')).message).toMatch(/only the files you added/);
    await h.failure(sessions.staff, 'attachments.delete', { id: mine.id, version: 7 }, 'CONFLICT');

    const deleted = await h.call(sessions.staff, 'attachments.delete', { id: mine.id, version: 1 });
    expect(deleted).toMatchObject({ deletedAt: h.clock.now, version: 2 });
    expect((await h.call(sessions.staff, 'attachments.list', { owner: staffCustomer })).rows.map((r) => r.id)).not.toContain(mine.id);
    expect((await h.call(sessions.staff, 'attachments.list', { owner: staffCustomer, deleted: true })).rows.map((r) => r.id)).toEqual([mine.id]);
    await h.failure(sessions.staff, 'attachments.update', { id: mine.id, version: 2, name: 'x.txt', description: '' }, 'NOT_FOUND');
    // Still readable from the bin (to look before restoring).
    expect((await downloaded(h.core, sessions.staff, await h.call(sessions.staff, 'attachments.preview', { id: mine.id }))).toString()).toBe('staff file');

    const restored = await h.call(sessions.staff, 'attachments.restore', { id: mine.id });
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    await h.failure(sessions.staff, 'attachments.restore', { id: mine.id }, 'CONFLICT');

    // Purging: owner only (customers.purge), from the bin only.
    await h.failure(sessions.owner, 'attachments.purge', { id: mine.id }, 'CONFLICT');
    await h.call(sessions.owner, 'attachments.delete', { id: mine.id, version: 3 });
    await h.failure(sessions.manager, 'attachments.purge', { id: mine.id }, 'FORBIDDEN');
    expect(await h.call(sessions.owner, 'attachments.purge', { id: mine.id })).toEqual({ id: mine.id });
    await h.failure(sessions.owner, 'attachments.preview', { id: mine.id }, 'NOT_FOUND');
    const actions = (await h.call(sessions.owner, 'audit.list', { entity: 'attachment' })).rows.filter((e) => e.entityId === mine.id).map((e) => `${e.action} ${e.username}`);
    expect(actions).toEqual(['attachment.purge boss', 'attachment.delete boss', 'attachment.restore staff', 'attachment.delete staff', 'attachment.add staff']);
  });

  it('stores the same file once however often it is attached, also when the adds run at once; purging the last frees the chunks', async () => {
    const before = await storeCounts(h);
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * CHUNK_BYTES + 777, 7)]); // three chunks
    const a = await attach(h, sessions.owner, ownersCustomer, bytes, 'a.pdf');
    const b = await attach(h, sessions.owner, ownersContract, bytes, 'b.pdf');
    expect(b.sha256).toBe(a.sha256);
    expect(await storeCounts(h)).toEqual({ ...before, blobs: before.blobs + 1, chunks: before.chunks + 3, refs: before.refs + 2, attachments: before.attachments + 2 });

    // Several adds of one file from separate staged uploads, all at once: one blob, every row.
    const other = Buffer.concat([Buffer.from('concurrent '), Buffer.alloc(CHUNK_BYTES + 5, 9)]);
    const uploads = await Promise.all([0, 1, 2, 3, 4].map((i) => stage(h.core, sessions.owner, other, `same-${i}.bin`)));
    const added = await Promise.all(uploads.map((upload) => h.call(sessions.owner, 'attachments.add', { owner: ownersCustomer, file: { upload: upload.upload } })));
    expect(new Set(added.map((row) => row.sha256)).size).toBe(1);
    expect(new Set(added.map((row) => row.id)).size).toBe(5);
    expect(await storeCounts(h)).toEqual({ ...before, blobs: before.blobs + 2, chunks: before.chunks + 5, refs: before.refs + 7, attachments: before.attachments + 7 });
    // Also at once from the very first byte: staging and adding side by side.
    const third = Buffer.from('third file, attached four times at once');
    await Promise.all([0, 1, 2, 3].map((i) => attach(h, sessions.owner, ownersCustomer, third, `t${i}.txt`)));
    expect(await storeCounts(h)).toMatchObject({ blobs: before.blobs + 3, chunks: before.chunks + 6, attachments: before.attachments + 11 });

    // Purging one holder keeps the blob; purging the last frees its chunks in the same change.
    const purge = async (row: Attachment) => {
      await h.call(sessions.owner, 'attachments.delete', { id: row.id, version: row.version });
      await h.call(sessions.owner, 'attachments.purge', { id: row.id });
    };
    await purge(a);
    expect(await storeCounts(h)).toMatchObject({ blobs: before.blobs + 3, chunks: before.chunks + 6 });
    await purge(b);
    for (const row of added) await purge(row);
    for (const row of (await h.call(sessions.owner, 'attachments.list', { owner: ownersCustomer })).rows.filter((r) => /^t\d\.txt$/.test(r.name))) await purge(row);
    expect(await storeCounts(h)).toEqual(before);
  });

  it('refuses an empty file, a staged file that is not the caller\'s or not for attachments, and owners the caller may not see', async () => {
    const empty = await stage(h.core, sessions.owner, Buffer.alloc(0), 'empty.txt');
    expect((await h.failure(sessions.owner, 'attachments.add', { owner: ownersCustomer, file: { upload: empty.upload } }, 'VALIDATION')).details).toEqual({ reason: 'empty' });
    const staffs = await stage(h.core, sessions.staff, Buffer.from('x'), 'x.txt');
    expect((await h.failure(sessions.owner, 'attachments.add', { owner: ownersCustomer, file: { upload: staffs.upload } }, 'NOT_FOUND')).details).toEqual({ reason: 'upload' });
    const forLogo = await h.core.upload(sessions.owner, 'logo', streamed(makePng(8, 8), 'logo.png'));
    if (!forLogo.ok) throw new Error('logo upload');
    expect((await h.failure(sessions.owner, 'attachments.add', { owner: ownersCustomer, file: { upload: forLogo.value.upload } }, 'NOT_FOUND')).details).toEqual({ reason: 'upload' });
    for (const owner of [{ kind: 'customer', id: 99999 }, { kind: 'contract', id: 99999 }] as const) {
      const upload = await stage(h.core, sessions.owner, Buffer.from('y'), 'y.txt');
      expect((await h.failure(sessions.owner, 'attachments.add', { owner, file: { upload: upload.upload } }, 'NOT_FOUND')).details).toEqual({ reason: 'owner' });
      expect((await h.failure(sessions.owner, 'attachments.list', { owner }, 'NOT_FOUND')).details).toEqual({ reason: 'owner' });
    }
    // A refused add leaves the staged file to try again with.
    const kept = await stage(h.core, sessions.owner, Buffer.from('kept'), 'kept.txt');
    await h.failure(sessions.owner, 'attachments.add', { owner: { kind: 'customer', id: 99999 }, file: { upload: kept.upload } }, 'NOT_FOUND');
    expect((await h.call(sessions.owner, 'attachments.add', { owner: ownersCustomer, file: { upload: kept.upload } })).name).toBe('kept.txt');
    await h.failure(sessions.owner, 'attachments.add', { owner: ownersCustomer, file: { upload: kept.upload } }, 'NOT_FOUND');
  });

  it('types files by their content: images, PDF, plain text in UTF-8 or GB18030; never by the name', async () => {
    const typeOf = async (bytes: Buffer, name: string) => (await attach(h, sessions.owner, ownersCustomer, bytes, name)).type;
    expect(await typeOf(makePng(4, 4), 'photo.jpg')).toBe('image/png');
    expect(await typeOf(makePdf('Invoice'), 'invoice.bin')).toBe('application/pdf');
    expect(await typeOf(Buffer.from('plain words\r\nand a second line\twith a tab\n'), 'readme')).toBe('text/plain');
    expect(await typeOf(Buffer.from('\uFEFF客户名单：张三、李四\n'), '名单.csv')).toBe('text/plain'); // UTF-8 with its BOM
    expect(await typeOf(gb18030('你好 客户 合同\r\n'), 'gbk.txt')).toBe('text/plain');
    // A long UTF-8 text whose first 4 KB end inside a character is still text.
    expect(await typeOf(Buffer.from('汉'.repeat(3000)), 'long.txt')).toBe('text/plain');
    // Not what the name says: a ".pdf" of text is text, of HTML is text (never rendered), of binary is binary.
    expect(await typeOf(Buffer.from('this is not a PDF at all'), 'fake.pdf')).toBe('text/plain');
    expect(await typeOf(Buffer.from('<html><script>alert(1)</script></html>'), 'page.pdf')).toBe('text/plain');
    expect(await typeOf(Buffer.from([0x25, 0x50, 0x44, 0x00, 0x01, 0x02, 0xff, 0xfe]), 'broken.pdf')).toBe('application/octet-stream');
    expect(await typeOf(Buffer.from('text with a NUL\u0000 inside'), 'nul.txt')).toBe('application/octet-stream');
    expect(await typeOf(Buffer.from([0x80, 0x81, 0xff, 0x41]), 'bad.txt')).toBe('application/octet-stream'); // neither UTF-8 nor GB18030
  });

  it('cleans every hostile name, when a file is added and when it is renamed', async () => {
    const cases: [string, string][] = [
      ['../../etc/passwd', 'passwd'],
      ['C:\\Windows\\System32\\evil.exe', 'evil.exe'],
      ['..', 'file'],
      ['report\u202Efdp.exe', 'reportfdp.exe'],
      ['tab\there\u0000.txt', 'tabhere.txt'],
      ['CON', '_CON'],
      ['NUL.txt', '_NUL.txt'],
      ['com1.pdf', '_com1.pdf'],
      ['trailing.pdf. . ', 'trailing.pdf'],
      ['a<b>:"c"|?*.txt', 'a_b___c____.txt'],
      ['Cafe\u0301.txt', 'Caf\u00E9.txt'],
    ];
    for (const [hostile, clean] of cases) {
      const added = await attach(h, sessions.owner, ownersCustomer, Buffer.from(`for ${clean}`), hostile);
      expect(added.name, JSON.stringify(hostile)).toBe(clean);
      // Renamed to the same hostile name: cleaned the same way (a name that leaves nothing is refused: below).
      if (clean === 'file') continue;
      const renamed = await h.call(sessions.owner, 'attachments.update', { id: added.id, version: added.version, name: hostile, description: '' });
      expect(renamed.name, JSON.stringify(hostile)).toBe(clean);
    }
    const long = `${'合同扫描件'.repeat(200)}.pdf`;
    const added = await attach(h, sessions.owner, ownersCustomer, makePdf('long name'), long);
    expect(Buffer.byteLength(added.name)).toBeLessThanOrEqual(255);
    expect(added.name.endsWith('.pdf')).toBe(true);
    const renamed = await h.call(sessions.owner, 'attachments.update', { id: added.id, version: 1, name: long, description: '' });
    expect(renamed.name).toBe(added.name);
    // A rename to nothing usable is refused (an upload's nameless file is called "file" instead).
    for (const name of ['..', '\u202E\u200B', '...', '///']) {
      expect((await h.failure(sessions.owner, 'attachments.update', { id: added.id, version: 2, name, description: '' }, 'VALIDATION')).details, name).toEqual({ reason: 'name' });
    }
  });

  it('reports CORRUPT naming the file when a stored byte changed, from the preview and from verify, and never hands out the whole damaged file', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(CHUNK_BYTES + 1000, 3)]);
    const damagedFile = await attach(h, sessions.owner, staffContract, bytes, '损坏的合同.pdf');
    const twin = await attach(h, sessions.staff, staffCustomer, bytes, 'copy.pdf'); // the same blob
    const healthy = await h.call(sessions.owner, 'attachments.verify', {});
    expect(healthy.damaged).toEqual([]);
    expect(healthy.checked).toBeGreaterThanOrEqual(2);

    await flipByte(h, damagedFile.sha256, 1, 500); // the last chunk: nothing of it may arrive
    const preview = await h.call(sessions.staff, 'attachments.preview', { id: damagedFile.id });
    const read = await drained(h.core, sessions.staff, preview);
    expect(read.failure).toMatchObject({ code: 'CORRUPT', details: { reason: 'blob', name: '损坏的合同.pdf' } });
    expect(read.failure!.message).toContain('损坏的合同.pdf');
    expect(read.bytes).toBeLessThan(bytes.length);

    const verdict = await h.call(sessions.manager, 'attachments.verify', {});
    expect(verdict.damaged).toEqual([
      { id: damagedFile.id, name: '损坏的合同.pdf', owner: staffContract, customerName: '李四商行' },
      { id: twin.id, name: 'copy.pdf', owner: staffCustomer, customerName: '李四商行' },
    ]);
    await h.failure(sessions.staff, 'attachments.verify', {}, 'FORBIDDEN');
    // Out of the way of the later tests.
    for (const row of [damagedFile, twin]) {
      await h.call(sessions.owner, 'attachments.delete', { id: row.id, version: 1 });
      await h.call(sessions.owner, 'attachments.purge', { id: row.id });
    }
    expect((await h.call(sessions.owner, 'attachments.verify', {})).damaged).toEqual([]);
  });

  it('limits files to the owner\'s setting, refused before a byte is read through the path door and the stream', async () => {
    expect((await h.call(sessions.owner, 'settings.get', {})).attachmentMaxMb).toBe(100);
    const dir = join(h.dataDir, 'chosen');
    mkdirSync(dir, { recursive: true });
    // 101 MB that take no disk (a sparse file): reading it would add 101 MB to this process's reads.
    const big = join(dir, 'big.pdf');
    writeFileSync(big, '');
    truncateSync(big, 101 * MiB);
    const readBefore = bytesReadByThisProcess();
    const refused = await h.core.upload(sessions.staff, 'attachment', { path: big });
    const read = bytesReadByThisProcess() - readBefore;
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', details: { limit: 100 * MiB, size: 101 * MiB } } });
    expect(read).toBeLessThan(MiB); // the database's own pages, not the file

    // Browser mode: the declared size is refused before the first chunk is asked for.
    let pulled = 0;
    const source = {
      name: 'big.pdf',
      declaredSize: 101 * MiB,
      chunks: (async function* () {
        pulled++;
        yield Buffer.alloc(1);
      })(),
    };
    expect(await h.core.upload(sessions.staff, 'attachment', source)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', details: { limit: 100 * MiB, size: 101 * MiB } } });
    expect(pulled).toBe(0);

    // The owner lowers the limit: it holds at once, for a path, a declared stream and one that lies
    // about its size, and for a file staged before under the old limit.
    const stagedBefore = await stage(h.core, sessions.staff, Buffer.alloc(1.5 * MiB, 3), 'earlier.bin');
    await h.call(sessions.owner, 'settings.update', { attachmentMaxMb: 1 });
    expect((await h.failure(sessions.staff, 'attachments.add', { owner: staffCustomer, file: { upload: stagedBefore.upload } }, 'TOO_LARGE')).details).toEqual({ limit: MiB, size: 1.5 * MiB });
    const oneAndHalf = join(dir, 'one-and-a-half.bin');
    writeFileSync(oneAndHalf, Buffer.alloc(1.5 * MiB, 1));
    expect(await h.core.upload(sessions.staff, 'attachment', { path: oneAndHalf })).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', details: { limit: MiB } } });
    const before = await storeCounts(h);
    expect(await h.core.upload(sessions.staff, 'attachment', streamed(Buffer.alloc(1.5 * MiB, 2), 'x.bin', 100))).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', details: { limit: MiB } } });
    expect(await storeCounts(h)).toEqual(before); // what it streamed before the limit is gone
    const settings = await h.call(sessions.staff, 'settings.get', {});
    expect(settings.attachmentMaxMb).toBe(1);
    await h.failure(sessions.owner, 'settings.update', { attachmentMaxMb: 513 }, 'VALIDATION');
    await h.failure(sessions.owner, 'settings.update', { attachmentMaxMb: 0 }, 'VALIDATION');
    const change = (await h.call(sessions.owner, 'audit.list', { action: 'settings.update' })).rows[0]!;
    expect(change.changes).toEqual([{ field: 'attachmentMaxMb', before: 100, after: 1 }]);
    await h.call(sessions.owner, 'settings.update', { attachmentMaxMb: 100 });
  });

  it('shows staff, with the scope on, only the files of their own customers and contracts', async () => {
    const ownersFile = await attach(h, sessions.owner, ownersContract, Buffer.from('owner contract file'), 'owner.txt');
    await h.call(sessions.owner, 'settings.update', { staffScope: true });
    try {
      for (const owner of [ownersCustomer, ownersContract]) {
        expect((await h.failure(sessions.staff, 'attachments.list', { owner }, 'NOT_FOUND')).details).toEqual({ reason: 'owner' });
        const upload = await stage(h.core, sessions.staff, Buffer.from('z'), 'z.txt');
        expect((await h.failure(sessions.staff, 'attachments.add', { owner, file: { upload: upload.upload } }, 'NOT_FOUND')).details).toEqual({ reason: 'owner' });
      }
      for (const method of ['attachments.preview', 'attachments.restore'] as const) await h.failure(sessions.staff, method, { id: ownersFile.id }, 'NOT_FOUND');
      await h.failure(sessions.staff, 'attachments.update', { id: ownersFile.id, version: 1, name: 'x', description: '' }, 'NOT_FOUND');
      await h.failure(sessions.staff, 'attachments.delete', { id: ownersFile.id, version: 1 }, 'NOT_FOUND');
      expect((await h.call(sessions.staff, 'attachments.list', { owner: staffContract })).rows).toEqual([]);
      expect((await h.call(sessions.staff, 'attachments.list', { owner: staffCustomer })).rows.length).toBeGreaterThan(0);
      // The viewer is not limited by the scope (only staff are).
      expect((await h.call(sessions.viewer, 'attachments.list', { owner: ownersContract })).rows.map((r) => r.id)).toContain(ownersFile.id);
    } finally {
      await h.call(sessions.owner, 'settings.update', { staffScope: false });
    }
  });

  it('carries files with their customer and contract: hidden in the recycle bin, back on restore, purged with them (chunks freed)', async () => {
    const customer = { kind: 'customer' as const, id: (await h.call(sessions.owner, 'customers.create', { name: '王五贸易' })).id };
    const contract = { kind: 'contract' as const, id: await insertContract(h, customer.id, 'HT-2026-0099') };
    const before = await storeCounts(h);
    const own = await attach(h, sessions.owner, customer, Buffer.from('only here: customer file'), 'c.txt');
    const onContract = await attach(h, sessions.owner, contract, Buffer.from('only here: contract file'), 'k.txt');
    const shared = Buffer.from('also elsewhere');
    const elsewhere = await attach(h, sessions.owner, ownersCustomer, shared, 'shared.txt');
    await attach(h, sessions.owner, contract, shared, 'shared.txt');
    const inBin = await attach(h, sessions.owner, customer, Buffer.from('deleted on its own'), 'bin.txt');
    await h.call(sessions.owner, 'attachments.delete', { id: inBin.id, version: 1 });

    const stored = await h.call(sessions.owner, 'customers.get', { id: customer.id });
    await h.call(sessions.owner, 'customers.delete', { id: customer.id, version: stored.version });
    for (const owner of [customer, contract]) expect((await h.failure(sessions.owner, 'attachments.list', { owner }, 'NOT_FOUND')).details).toEqual({ reason: 'owner' });
    for (const id of [own.id, onContract.id]) await h.failure(sessions.owner, 'attachments.preview', { id }, 'NOT_FOUND');

    await h.call(sessions.owner, 'customers.restore', { id: customer.id });
    expect((await h.call(sessions.owner, 'attachments.list', { owner: customer })).rows.map((r) => r.id)).toEqual([own.id]);
    expect((await h.call(sessions.owner, 'attachments.list', { owner: customer, deleted: true })).rows.map((r) => r.id)).toEqual([inBin.id]);
    expect((await h.call(sessions.owner, 'attachments.list', { owner: contract })).rows).toHaveLength(2);

    // A contract in the recycle bin hides its files too (its own deleted_at).
    const db = await rawDb(h);
    db.prepare('UPDATE contracts SET deleted_at = ? WHERE id = ?').run(h.clock.now, contract.id);
    db.close();
    await h.failure(sessions.owner, 'attachments.preview', { id: onContract.id }, 'NOT_FOUND');
    expect((await h.failure(sessions.owner, 'attachments.list', { owner: contract }, 'NOT_FOUND')).details).toEqual({ reason: 'owner' });

    const again = await h.call(sessions.owner, 'customers.get', { id: customer.id });
    await h.call(sessions.owner, 'customers.delete', { id: customer.id, version: again.version });
    await h.call(sessions.owner, 'customers.purge', { id: customer.id });
    // Every file of the customer and its contract went, in its bin or not; the shared content stays for its other holder.
    expect(await storeCounts(h)).toEqual({ ...before, blobs: before.blobs + 1, chunks: before.chunks + 1, refs: before.refs + 1, attachments: before.attachments + 1 });
    expect((await downloaded(h.core, sessions.owner, await h.call(sessions.owner, 'attachments.preview', { id: elsewhere.id }))).equals(shared)).toBe(true);
    await h.call(sessions.owner, 'attachments.delete', { id: elsewhere.id, version: 1 });
    await h.call(sessions.owner, 'attachments.purge', { id: elsewhere.id });
    expect(await storeCounts(h)).toEqual(before);
  });

  it('verifies as a job: progress in bytes, other calls answered between its steps, cancellable', async () => {
    const big = [1, 2, 3].map((n) => Buffer.alloc(5 * MiB, n)); // 15 MB: several steps of 4 MB
    const rows = [];
    for (const [i, bytes] of big.entries()) rows.push(await attach(h, sessions.owner, ownersCustomer, bytes, `big-${i}.bin`));
    const events: { done: number; total: number }[] = [];
    const stop = h.core.onEvent(sessions.owner, (event) => {
      if (event.job === 'attachmentsVerify') events.push({ done: event.done, total: event.total });
    });
    try {
      let verified = false;
      let listedMidway = false;
      const verifying = h.call(sessions.owner, 'attachments.verify', {}).then((value) => {
        verified = true;
        return value;
      });
      // Asked right after the job began: answered while it is still reading.
      const listed = h.call(sessions.viewer, 'attachments.list', { owner: ownersCustomer }).then(() => (listedMidway = !verified));
      const verdict = await verifying;
      await listed;
      expect(verdict.damaged).toEqual([]);
      expect(listedMidway).toBe(true);
      // Progress is paced by time (jobs.ts), so how many events come between depends on the machine:
      // the first says where it starts, the last that it read everything.
      expect(events[0]).toMatchObject({ done: 0 });
      expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
      expect(events.at(-1)!.total).toBeGreaterThanOrEqual(15 * MiB);

      // Cancelled once it is under way (its first event: a step later it stops): CANCELLED, nothing changed.
      const cancelled = h.raw(sessions.owner, 'attachments.verify', {});
      await new Promise<void>((resolve) => {
        const off = h.core.onEvent(sessions.owner, (event) => {
          if (event.job === 'attachmentsVerify') {
            off();
            resolve();
          }
        });
      });
      expect(await h.call(sessions.owner, 'jobs.cancel', { job: 'attachmentsVerify' })).toEqual({ cancelled: true });
      expect(await cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    } finally {
      stop();
    }
    for (const row of rows) {
      await h.call(sessions.owner, 'attachments.delete', { id: row.id, version: 1 });
      await h.call(sessions.owner, 'attachments.purge', { id: row.id });
    }
  });

  it('counts attachments in system.status', async () => {
    const status = await h.call(sessions.owner, 'system.status', {});
    expect(status.counts.attachments).toBe((await storeCounts(h)).attachments);
  });
});
