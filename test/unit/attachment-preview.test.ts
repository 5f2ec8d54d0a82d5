// The attachments preview's pure parts: reading at most the first megabyte of a download (the rest
// is not fetched), decoding text as the core judged it (UTF-8, else GB18030) even when the cut
// splits a character, and the kind of a file from its sniffed type (never its name).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatBytes, kindOf } from '../../renderer/src/features/attachments/attachment-format.ts';
import { decodeText, readBytes } from '../../renderer/src/features/attachments/preview-bytes.ts';

/** A download answered in chunks, counting how many the reader pulled. */
function serve(chunks: Uint8Array[]) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[pulled];
      pulled += 1;
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  vi.stubGlobal('fetch', async () => new Response(body, { status: 200 }));
  return () => pulled;
}

afterEach(() => vi.unstubAllGlobals());

describe('readBytes', () => {
  it('reads a small download whole', async () => {
    serve([Uint8Array.of(1, 2), Uint8Array.of(3)]);
    const read = await readBytes('/api/download/x', 10);
    expect([...read.bytes]).toEqual([1, 2, 3]);
    expect(read.truncated).toBe(false);
  });

  it('stops at the limit, says so, and does not pull the rest', async () => {
    const chunk = new Uint8Array(400).fill(7);
    const pulled = serve(Array.from({ length: 100 }, () => chunk));
    const read = await readBytes('/api/download/x', 1000);
    expect(read.bytes.length).toBe(1000);
    expect(read.truncated).toBe(true);
    expect(pulled()).toBeLessThan(10);
  });

  it('refuses an answer that is not the file (an expired download)', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"ok":false}', { status: 404 }));
    await expect(readBytes('/api/download/x')).rejects.toThrow(/404/);
  });
});

describe('decodeText', () => {
  it('reads UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('客户来电记录 OK'))).toBe('客户来电记录 OK');
  });

  it('reads GB18030 when the bytes are not UTF-8', () => {
    // "客户" in GB18030 (GBK): BF CD BB A7
    expect(decodeText(Uint8Array.of(0xbf, 0xcd, 0xbb, 0xa7))).toBe('客户');
  });

  it('keeps UTF-8 when the preview cut a character in half', () => {
    const bytes = new TextEncoder().encode('合同签署');
    expect(decodeText(bytes.subarray(0, bytes.length - 1))).toBe('合同签');
  });
});

describe('kindOf and formatBytes', () => {
  it('names the kind from the sniffed type', () => {
    expect(kindOf('image/png')).toBe('image');
    expect(kindOf('application/pdf')).toBe('pdf');
    expect(kindOf('text/plain')).toBe('text');
    expect(kindOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('sheet');
    expect(kindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('document');
    expect(kindOf('application/zip')).toBe('archive');
    expect(kindOf('application/octet-stream')).toBe('other');
  });

  it('says sizes in binary units with one decimal at most', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(100 * 1024 * 1024)).toBe('100 MB');
  });
});
