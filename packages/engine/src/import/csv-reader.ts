import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { csvParse, iconvLite } from '../lazy-libs';
import { knownEncoding } from './encoding';
import { ImportFileError } from './messages';
import type { SheetRow } from './types';

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter of the first line of `text`: the candidate that occurs most often outside
 * quotes (a comma when none does).
 */
export function detectDelimiter(text: string): string {
  const line = firstRecord(text);
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = line.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function firstRecord(text: string): string {
  let quoted = false;
  let out = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted) out += ch;
  }
  return out;
}

/**
 * Streams the records of a CSV file decoded from `encoding` (iconv-lite), parsed by csv-parse
 * (quotes, embedded newlines, ragged rows). Memory stays bounded by one record.
 */
export async function* readCsv(
  path: string,
  encoding: string,
  delimiter: string,
): AsyncGenerator<SheetRow> {
  if (!(await knownEncoding(encoding)))
    throw new ImportFileError('import.encoding', 'unknownEncoding', { encoding });
  const [parse, iconv] = await Promise.all([csvParse(), iconvLite()]);
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  // pipeline() carries a read or decode error into the parser and closes the file when the
  // parser stops early.
  pipeline(createReadStream(path), iconv.decodeStream(encoding), parser, () => undefined);
  let index = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      index++;
      yield { row: index, cells: record };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('import.csv', 'badCsv', {
      row: index + 1,
      reason: e instanceof Error ? e.message : String(e),
    });
  } finally {
    parser.destroy();
  }
}
