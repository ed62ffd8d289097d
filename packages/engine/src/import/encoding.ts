import { chardetLib, iconvLite } from '../lazy-libs';

/** What the first bytes of a file say about it. */
export type Sniffed =
  { kind: 'xlsx' } | { kind: 'text'; encoding: string; bom: boolean } | { kind: 'binary' };

const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

// Cut a trailing, incomplete UTF-8 sequence so a sample cut mid-character still validates.
function completeUtf8(buf: Uint8Array): Uint8Array {
  let end = buf.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  return buf.subarray(0, end);
}

function isUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(completeUtf8(buf));
    return true;
  } catch {
    return false;
  }
}

// Text files have no NUL bytes and few control characters besides tab, CR, LF, form feed.
function looksBinary(buf: Uint8Array): boolean {
  let control = 0;
  for (const b of buf) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return buf.length > 0 && control / buf.length > 0.01;
}

// chardet names -> the encoding we decode with. GBK and GB2312 text is valid GB18030 (a superset).
const CHINESE = new Set(['GB18030', 'GBK', 'GB2312', 'EUC-CN', 'HZ-GB-2312']);

/**
 * Guesses the format and text encoding of an uploaded file from its first bytes (pass 64 KiB):
 * a zip is an Excel workbook whatever its name; a BOM decides; valid UTF-8 is UTF-8; otherwise
 * the statistical guess of `chardet` when it is confident, GB18030 (what Excel in China saves a
 * CSV as; a superset of GBK) when not. The user may override the encoding afterwards.
 */
export async function sniffFile(sample: Uint8Array): Promise<Sniffed> {
  if (startsWith(sample, ZIP)) return { kind: 'xlsx' };
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { kind: 'text', encoding: 'utf-8', bom: true };
  if (startsWith(sample, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le', bom: true };
  if (startsWith(sample, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be', bom: true };
  if (looksBinary(sample)) return { kind: 'binary' };
  if (isUtf8(sample)) return { kind: 'text', encoding: 'utf-8', bom: false };
  // Excel in China saves GBK: the default whenever chardet is not sure of something else (a
  // short sample gives it little to go on: every CJK guess then scores 10).
  const [best] = (await chardetLib()).analyse(sample);
  const name = best && best.confidence >= 50 ? best.name.toUpperCase() : 'GB18030';
  if (name === 'BIG5') return { kind: 'text', encoding: 'big5', bom: false };
  if (name.startsWith('UTF-16')) return { kind: 'text', encoding: name.toLowerCase(), bom: false };
  if (CHINESE.has(name) || !(await iconvLite()).encodingExists(name))
    return { kind: 'text', encoding: 'gb18030', bom: false };
  return { kind: 'text', encoding: name.toLowerCase(), bom: false };
}

/** Whether iconv-lite can decode this encoding name. */
export async function knownEncoding(name: string): Promise<boolean> {
  return (await iconvLite()).encodingExists(name);
}
