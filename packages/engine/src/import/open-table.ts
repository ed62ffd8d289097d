import { open } from 'node:fs/promises';
import { countCsvRecords } from './count-rows';
import { detectDelimiter, readCsv } from './csv-reader';
import { knownEncoding, sniffFile } from './encoding';
import { iconvLite } from '../lazy-libs';
import { ImportFileError } from './messages';
import type { FileFacts, ReadOptions, SheetRow } from './types';
import { listSheets, readXlsx } from './xlsx-reader';

const SAMPLE = 64 * 1024;

async function head(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE);
    const { bytesRead } = await file.read(buf, 0, SAMPLE, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * A file opened for import: what was detected, and its rows (read again on every call).
 * `countFrom`: a quick count of the non-blank rows from a row on, without parsing (CSV in an
 * ASCII-framed encoding), or null when only reading the rows can count them.
 */
export type Table = {
  facts: FileFacts;
  rows(): AsyncGenerator<SheetRow>;
  countFrom(row: number): Promise<number | null>;
};

/**
 * Opens an uploaded file: sniffs its format and encoding (options override), lists a workbook's
 * sheets. Throws `ImportFileError` for an empty or binary file. Nothing is read whole.
 */
export async function openTable(path: string, opts: ReadOptions = {}): Promise<Table> {
  const sample = await head(path);
  if (sample.length === 0) throw new ImportFileError('import.empty', 'emptyFile');
  const sniffed = await sniffFile(sample);
  const format = opts.format ?? (sniffed.kind === 'xlsx' ? 'xlsx' : 'csv');
  if (format === 'xlsx') {
    if (sniffed.kind !== 'xlsx')
      throw new ImportFileError('import.xlsx', 'badXlsx', { reason: 'not a zip' });
    const sheets = await listSheets(path);
    const sheet = opts.sheet ?? sheets[0];
    if (sheet === undefined || !sheets.includes(sheet))
      throw new ImportFileError('import.sheet', 'noSheet', { sheet: opts.sheet ?? '' });
    return {
      facts: { format, sheets, sheet },
      rows: () => readXlsx(path, sheet),
      countFrom: async () => null,
    };
  }
  if (sniffed.kind === 'binary' || (sniffed.kind === 'xlsx' && !opts.encoding))
    throw new ImportFileError('import.binary', 'binaryFile');
  const encoding = opts.encoding ?? (sniffed.kind === 'text' ? sniffed.encoding : 'utf-8');
  if (!(await knownEncoding(encoding)))
    throw new ImportFileError('import.encoding', 'unknownEncoding', { encoding });
  const delimiter = opts.delimiter ?? detectDelimiter((await iconvLite()).decode(sample, encoding));
  return {
    facts: { format, encoding, delimiter },
    rows: () => readCsv(path, encoding, delimiter),
    countFrom: (row) => countCsvRecords(path, encoding, delimiter, row),
  };
}
