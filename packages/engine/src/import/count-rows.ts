import { createReadStream } from 'node:fs';
import { iconvLite } from '../lazy-libs';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Whether the encoding writes line feeds, quotes and the delimiter as their ASCII bytes, and no
 * other character's bytes can be mistaken for a line feed or a quote: true for UTF-8, GBK /
 * GB18030, Big5 and the single-byte encodings (their trail bytes are all above 0x2F), false for
 * UTF-16.
 */
async function asciiFramed(encoding: string, delimiter: string): Promise<boolean> {
  const probe = `\n"${delimiter}`;
  const bytes = (await iconvLite()).encode(probe, encoding);
  return bytes.length === probe.length && bytes.every((b, i) => b === probe.charCodeAt(i));
}

/**
 * The number of non-blank records from record `from` on (the first record is 1) of a CSV file,
 * counted on its bytes without decoding or parsing: a record ends at a line feed outside quotes,
 * and is blank when it holds only delimiters, white space and empty quoted fields. It reads the file at disk
 * speed (tens of milliseconds for 100,000 rows, where parsing took ~0.7 s); the parser may still
 * differ on odd files (a lone CR as line end, a full-width space alone in a row), so callers
 * take it as the total to show and correct it with the rows they read. Null for encodings
 * whose bytes cannot be scanned so (UTF-16).
 */
export async function countCsvRecords(
  path: string,
  encoding: string,
  delimiter: string,
  from: number,
): Promise<number | null> {
  if (delimiter.length !== 1 || !(await asciiFramed(encoding, delimiter))) return null;
  const delim = delimiter.charCodeAt(0);
  let record = 1;
  let count = 0;
  let filled = false;
  let quoted = false;
  // A quote inside a quoted field is either the field's end or, doubled, a literal quote: the
  // state carries over chunk ends.
  let quoteSeen = false;
  let fieldStart = true;
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (b === QUOTE) {
            filled = true; // "" inside quotes: a quote in the text
            continue;
          }
          quoted = false; // the quote before closed the field; this byte is read below
        } else {
          if (b === QUOTE) quoteSeen = true;
          // A delimiter inside quotes is text: `","` is a comma, not an empty row.
          else if (b !== SPACE && b !== TAB && b !== CR && b !== LF) filled = true;
          continue;
        }
      }
      if (b === LF) {
        if (filled && record >= from) count++;
        record++;
        filled = false;
        fieldStart = true;
        continue;
      }
      if (b === QUOTE && fieldStart) {
        quoted = true;
        fieldStart = false;
        continue;
      }
      fieldStart = b === delim;
      // A quote inside an unquoted field is text (the parser reads it so: relax_quotes).
      if (b !== delim && b !== SPACE && b !== TAB && b !== CR) filled = true;
    }
  }
  if (filled && record >= from) count++;
  return count;
}
