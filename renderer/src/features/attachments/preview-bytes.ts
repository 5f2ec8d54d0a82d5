// Reading a preview's bytes from its download URL into memory, for pdf.js and the text view. The
// bytes are decrypted by the core and streamed to the page; they are never written to a file.

/** How much of a text file the preview shows; the rest is one "Save a copy" away. */
export const TEXT_PREVIEW_BYTES = 1024 * 1024;

/** At most `limit` bytes of the response (the rest is not downloaded), and whether it had more. */
export async function readBytes(url: string, limit = Number.POSITIVE_INFINITY, signal?: AbortSignal): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok || !response.body) throw new Error(`preview: the download answered ${response.status}`);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
    if (length > limit) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(length, limit));
  let at = 0;
  for (const part of parts) {
    const take = part.subarray(0, Math.max(0, bytes.length - at));
    bytes.set(take, at);
    at += take.length;
  }
  return { bytes, truncated };
}

/**
 * Text as the core judged it (text/plain: valid UTF-8, or GB18030 as Chinese Windows programs
 * save it). A cut at the preview's limit may split a character: streaming decode leaves it out
 * instead of calling the whole file invalid.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return new TextDecoder('gb18030').decode(bytes, { stream: true });
  }
}
