// Reading an import file: 100,000 customer rows as CSV (about 15 MB; UTF-8 and GB18030) through the
// reader's readRows, as the import does, with the time and the process's peak memory. Run:
//   node --expose-gc --import tsx test/bench/import-read-bench.ts [--rows N] [--chunk BYTES]
// The file is built in memory but read through a ByteSource in chunks (as a staged blob is), so the
// reader holds what it would hold for a file on disk; the peak RSS over the start (VmHWM, reset through
// /proc/self/clear_refs where the kernel allows it) shows the reader's memory stays bounded.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { bytesSource, inspectTable, readRows, type TextEncoding } from '../../electron/core/areas/imports/read/index.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, chunk: { type: 'string', default: String(256 * 1024) } } });
const ROWS = Number(values.rows);
const CHUNK = Number(values.chunk);

function shopCsv(rows: number): string {
  const lines = ['客户名称,类型,行业,地区,地址,电话,邮箱,等级,标签,联系人,手机,备注'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `深圳市南山区华强五金电子有限公司${i},企业,五金,广东省深圳市,"深圳市南山区科技园南区高新南七道${i}号, 3楼",0755-8888${String(i).padStart(4, '0')},shop${i}@example.cn,重点客户,"批发,老客户",张三${i},138${String(i).padStart(8, '0')},"备注：每月初补货，""加急""单走顺丰"`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

function peakKb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not allowed here: the peak then counts from the process's start
  }
}

async function run(encoding: TextEncoding, bytes: Uint8Array): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  resetPeak();
  const startRss = process.memoryUsage().rss;
  const src = bytesSource(`shop-${encoding}.csv`, bytes, CHUNK);
  let t = performance.now();
  const info = await inspectTable(src, {});
  const inspectMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  let cells = 0;
  for await (const batch of readRows(src, { encoding: info.encoding ?? undefined })) {
    rows += batch.length;
    for (const row of batch) cells += row.cells.length;
  }
  const readMs = performance.now() - t;
  // CPU time as well as wall time: on a shared, loaded machine the wall time mostly measures the wait.
  const used = process.cpuUsage(cpu);
  const result = {
    encoding,
    detected: info.encoding,
    mb: +(bytes.length / 1024 / 1024).toFixed(1),
    rows,
    cells,
    inspectMs: Math.round(inspectMs),
    readMs: Math.round(readMs),
    readCpuMs: Math.round((used.user + used.system) / 1000),
    rowsPerSecond: Math.round(rows / (readMs / 1000)),
    startRssMb: Math.round(startRss / 1024 / 1024),
    peakRssMb: Math.round(peakKb() / 1024),
    load: loadavg()[0]!.toFixed(1),
  };
  console.log(JSON.stringify(result));
}

const text = shopCsv(ROWS);
const utf8 = new TextEncoder().encode(text);
const gb = new Uint8Array(iconv.encode(text, 'gb18030'));
await run('utf8', utf8);
await run('gb18030', gb);
