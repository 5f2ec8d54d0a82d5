// Plain text has no magic number for content sniffing (file-type knows only binary formats), so
// the core judges it from the first bytes: text/plain when they are valid UTF-8 or valid GB18030
// (what Chinese Windows writes, and GBK/GB2312 within it) and hold no NUL and none of the control
// characters text does not use. A binary file fails this within its first few bytes; text that
// only starts plainly is still shown as text, which is harmless (it is never run or rendered as
// markup).

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape. */
function hasBinaryControl(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b) return true;
    if (byte === 0x7f) return true;
  }
  return false;
}

/** Whether the bytes decode in this encoding; a character cut off at the end of the head is allowed (it continues past it). */
function decodes(encoding: 'utf-8' | 'gb18030', bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Whether the start of a file (its first few KB) is plain text. An empty file is not. */
export function isPlainText(head: Uint8Array): boolean {
  if (head.byteLength === 0 || hasBinaryControl(head)) return false;
  return decodes('utf-8', head) || decodes('gb18030', head);
}
