// Demo attachments for `clientele seed` (customers/seed.ts calls this for each batch, in the
// batch's transaction): a contract PDF with Chinese text on some contracts, and on some customers
// a few files of which many are the same bytes (the shop's terms, its price list, a handful of
// images), so the store's de-duplication shows: one blob, many attachments holding it.
//
// The files are a few KB and already in memory, so each goes into the blob store here in the
// batch's transaction (a blobs row found by its SHA-256 or added with its chunk, then the
// attachment row holding it as 'attachment:<id>' in blob_refs, as holdBlob would), rather than through storeBlob, which streams a
// file in short transactions of its own with the page cache cut small for every chunk: per tiny
// file that would cost the seed its cached index pages. What is stored is the same: hash, size,
// sniffed type, chunks of CHUNK_BYTES.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { requireTransaction, type Db } from '../../db/database.ts';
import { blobBySha256, CHUNK_BYTES, type StoredBlob } from '../../files/blob-store.ts';
import type { SeedCustomer, SeededContract } from '../contracts/seed.ts';
import { blocksPng, chinesePdf, type Rgb } from './seed-files.ts';

export type SeedFile = { name: string; bytes: Buffer; description: string };
type Planned = SeedFile & { owner: { kind: 'customer' | 'contract'; id: number } };

const PALETTES: readonly (readonly Rgb[])[] = [
  [[200, 40, 40], [250, 250, 250], [200, 40, 40], [30, 30, 30]],
  [[30, 90, 180], [240, 200, 40], [30, 90, 180], [240, 240, 240]],
  [[40, 150, 90], [230, 230, 230], [120, 70, 160], [40, 150, 90]],
  [[250, 140, 30], [60, 60, 60], [250, 220, 180], [60, 60, 60]],
  [[120, 120, 120], [200, 60, 120], [60, 200, 200], [250, 250, 250]],
];

const yuan = (minor: number | null, currency: string) => (minor === null ? '面议' : `${currency} ${(minor / 100).toFixed(2)}`);

/** The files every seeded shop shares: the same bytes on many customers. */
export class SeedFiles {
  private readonly shared: SeedFile[];
  private readonly images: SeedFile[];
  /** Blobs of this run by SHA-256: a shared file is looked up once. */
  readonly blobs = new Map<string, StoredBlob>();

  constructor() {
    this.shared = [
      {
        name: '服务条款.pdf',
        description: '标准服务条款（通用版）',
        bytes: chinesePdf('服务条款', [
          '一、本条款适用于本公司向客户提供的全部产品与服务。',
          '二、客户下单后，本公司在约定期限内交付；如遇不可抗力，交付期限相应顺延。',
          '三、付款方式：签约后三十日内以银行转账方式付清，发票随货寄出。',
          '四、质量问题自收货之日起十五日内提出，本公司负责退换。',
          '五、双方对合作中知悉的商业信息负有保密义务。',
        ], 'Terms of service'),
      },
      {
        name: '产品价格表.pdf',
        description: '2026年价格表',
        bytes: chinesePdf('产品价格表（2026年）', ['办公设备：每台 3,200 元起', '服务器维保：每年 18,000 元起', '包装材料：每吨 6,500 元', '以上价格含税，批量采购另议。'], 'Price list 2026'),
      },
      {
        name: '公司简介.pdf',
        description: '',
        bytes: chinesePdf('公司简介', ['本公司成立于二〇一二年，专注于为中小企业提供办公设备、信息化服务与物流配送。', '服务网络覆盖杭州、上海、北京、深圳等十六个城市。'], 'Company profile'),
      },
    ];
    this.images = PALETTES.map((colours, i) => ({ name: `门店照片-${i + 1}.png`, description: '', bytes: blocksPng(colours) }));
  }

  /** A customer's files: the shared ones mostly, sometimes their own registration form or a unique image. */
  forCustomer(customer: SeedCustomer, random: () => number): SeedFile[] {
    const r = random();
    if (r >= 0.15) return [];
    const files: SeedFile[] = [this.shared[Math.floor(random() * this.shared.length)]!]; // index in range
    if (random() < 0.5) files.push(this.images[Math.floor(random() * this.images.length)]!); // index in range
    if (random() < 0.3) {
      files.push({
        name: '客户信息登记表.pdf',
        description: '',
        bytes: chinesePdf('客户信息登记表', [`客户名称：${customer.name}`, `客户编号：${customer.id}`, '开票信息、收货地址与联系人以客户档案为准。'], `Customer ${customer.id}`),
      });
    }
    if (random() < 0.1) {
      // One of a kind: its own colours.
      const colour = (): Rgb => [Math.floor(random() * 256), Math.floor(random() * 256), Math.floor(random() * 256)];
      files.push({ name: '现场照片.png', description: '拜访现场', bytes: blocksPng([colour(), colour(), colour(), colour()], { columns: 5, rows: 4, block: 16 }) });
    }
    return files;
  }

  /** A contract's file: the signed contract as a PDF for about one contract in five. */
  forContract(contract: SeededContract, random: () => number): SeedFile[] {
    if (random() >= 0.2) return [];
    const bytes = chinesePdf(
      contract.title,
      [
        `合同编号：${contract.number}`,
        `甲方：${contract.customerName}`,
        '乙方：本公司',
        `签订日期：${contract.signedOn ?? '未签订'}，到期日期：${contract.endOn ?? '长期有效'}`,
        `合同金额：${yuan(contract.amount, contract.currency)}`,
        '双方本着平等互利的原则，经友好协商，就合同标的、交付、验收、付款及违约责任达成如下约定，共同遵守。',
      ],
      contract.number,
    );
    return [{ name: `${contract.number}.pdf`, description: '合同扫描件', bytes }];
  }
}

/** Rows per statement: 10 values an attachment row. */
const ROWS = 500;

/**
 * Stores the batch's files (one blob per distinct content, found by its hash when already stored)
 * and adds an attachment row for each, holding its blob. Inside the caller's transaction.
 */
export async function seedAttachments(tx: Db, planned: readonly Planned[], files: SeedFiles, options: { now: number; actorId: number }): Promise<number> {
  requireTransaction(tx, 'seedAttachments');
  if (planned.length === 0) return 0;
  const blobs: StoredBlob[] = [];
  for (const file of planned) blobs.push(await storeSmall(tx, file.bytes, options.now, files.blobs));
  let added = 0;
  for (let start = 0; start < planned.length; start += ROWS) {
    const chunk = planned.slice(start, start + ROWS);
    const rows = chunk.map((file, i) => ({
      owner_kind: file.owner.kind,
      owner_id: file.owner.id,
      blob_id: blobs[start + i]!.id, // one blob per planned file
      name: file.name,
      description: file.description,
      size: file.bytes.byteLength,
      type: blobs[start + i]!.type,
      created_by: options.actorId,
      created_at: options.now,
      updated_at: options.now,
    }));
    const inserted = await tx.insertInto('attachments').values(rows).returning(['id', 'blob_id']).execute();
    // What holdBlob does for a holder that held nothing before, in one statement for the chunk.
    await tx
      .insertInto('blob_refs')
      .values(inserted.map((row) => ({ holder: `attachment:${row.id}`, blob_id: row.blob_id })))
      .execute();
    added += inserted.length;
  }
  return added;
}

/**
 * The files planned for a batch: customer by customer, its own and then its contracts' (so the
 * random sequence is drawn in customer order, whatever the batches).
 */
export function planAttachments(customers: readonly SeedCustomer[], contracts: readonly SeededContract[], files: SeedFiles, random: () => number): Planned[] {
  const byCustomer = new Map<number, SeededContract[]>();
  for (const contract of contracts) byCustomer.set(contract.customerId, [...(byCustomer.get(contract.customerId) ?? []), contract]);
  return customers.flatMap((customer) => [
    ...files.forCustomer(customer, random).map((file) => ({ ...file, owner: { kind: 'customer' as const, id: customer.id } })),
    ...(byCustomer.get(customer.id) ?? []).flatMap((contract) => files.forContract(contract, random).map((file) => ({ ...file, owner: { kind: 'contract' as const, id: contract.id } }))),
  ]);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file held in memory into the blob store, in the caller's transaction: the stored blob of the same content if there is one. */
async function storeSmall(tx: Db, bytes: Buffer, now: number, known: Map<string, StoredBlob>): Promise<StoredBlob> {
  const hash = sha256(bytes);
  const seen = known.get(hash) ?? (await blobBySha256(tx, hash));
  if (seen) {
    known.set(hash, seen);
    return seen;
  }
  const type = (await fileTypeFromBuffer(bytes))?.mime ?? 'application/octet-stream';
  const { id } = await tx.insertInto('blobs').values({ sha256: hash, size: bytes.byteLength, type, created_at: now }).returning('id').executeTakeFirstOrThrow();
  for (let seq = 0; seq * CHUNK_BYTES < bytes.byteLength; seq++) {
    await tx.insertInto('blob_chunks').values({ blob_id: id, seq, data: bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES) }).execute();
  }
  const blob = { id, sha256: hash, size: bytes.byteLength, type };
  known.set(hash, blob);
  return blob;
}
