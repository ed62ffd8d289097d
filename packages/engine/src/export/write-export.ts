import { PassThrough, type Readable, type Writable } from 'node:stream';
import { iconvLite } from '../lazy-libs';
import type { Locale } from '../ports';
import { csvCell, exportValue, type ExportColumn } from './cells';

/** File formats of an export. `csv` is UTF-8 with a BOM; `csv-gbk` is for old Excel in China. */
export type ExportFormat = 'csv' | 'csv-gbk' | 'xlsx';

export type ExportSettings = { format: ExportFormat; locale: Locale; timeZone: string };

type Records = AsyncIterable<Record<string, unknown>[]>;

async function* csvChunks(
  pages: Records,
  columns: ExportColumn[],
  s: ExportSettings,
): AsyncGenerator<Buffer> {
  const iconv = s.format === 'csv-gbk' ? await iconvLite() : undefined;
  const encode = (text: string) => (iconv ? iconv.encode(text, 'gb18030') : Buffer.from(text));
  const head = columns.map((c) => csvCell(c.label)).join(',') + '\r\n';
  yield s.format === 'csv-gbk'
    ? encode(head)
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encode(head)]);
  for await (const page of pages) {
    let chunk = '';
    for (const r of page)
      chunk +=
        columns.map((c) => csvCell(exportValue(c, r[c.key], s.locale, s.timeZone))).join(',') +
        '\r\n';
    yield encode(chunk);
  }
}

// The zip's input is a `readable-stream` 2 PassThrough, older than `writableNeedDrain`.
const needsDrain = (s: Writable): boolean =>
  s.writableNeedDrain ??
  (s as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain === true;

/** Resolves when `stream` no longer needs to drain, or `out` (the download) has closed. */
async function drain(stream: Writable, out: PassThrough): Promise<void> {
  while (needsDrain(stream) && !stream.destroyed && !out.destroyed)
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        out.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
      out.on('close', done);
    });
}

// ExcelJS's sheet stream (a StreamBuf) writes into the zip's input without heeding its answer,
// so a sheet produced faster than zlib compresses piles up in that input: +104 MB at 100k rows.
// The pipes are the StreamBuf's own list (exceljs 4.4, pinned by the lockfile); the export
// memory test fails if they move.
function sheetInputs(ws: unknown): Writable[] {
  const stream = (ws as { stream?: { pipes?: unknown } }).stream;
  return Array.isArray(stream?.pipes) ? (stream.pipes as Writable[]) : [];
}

/**
 * Resolves once the zip has compressed what the sheet wrote so far and the consumer has taken
 * what was written to it: before the next page is read, the finished one is let through (zlib
 * runs off the main thread) and, if the reader is slower, we wait for it. A slow download then
 * holds about one page, not the whole export.
 */
async function drained(ws: unknown, out: PassThrough): Promise<void> {
  await new Promise((r) => setImmediate(r));
  for (const input of sheetInputs(ws)) await drain(input, out);
  await drain(out, out);
}

// ExcelJS's streaming writer: each row is committed (written out) as it comes, and the next page
// is pulled only when the reader has drained the last one, so memory stays bounded however many
// rows and however slow the download. Text cells are strings, never formulas.
function xlsxStream(
  pages: Records,
  columns: ExportColumn[],
  s: ExportSettings,
  sheetName: string,
): Readable {
  const out = new PassThrough();
  void (async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: true,
    });
    const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, '_'));
    ws.columns = columns.map((c) => ({
      header: c.label,
      key: c.key,
      width: Math.min(40, Math.max(10, c.label.length * 2 + 4)),
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const page of pages) {
      for (const r of page)
        ws.addRow(columns.map((c) => exportValue(c, r[c.key], s.locale, s.timeZone))).commit();
      await drained(ws, out);
      if (out.destroyed) return;
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/**
 * Writes pages of (already redacted) records as a file stream: CSV (UTF-8 with BOM or GB18030)
 * or XLSX. Nothing is held beyond one page.
 */
export function exportStream(
  pages: Records,
  columns: ExportColumn[],
  s: ExportSettings,
  sheetName = 'Sheet1',
): Readable {
  if (s.format === 'xlsx') return xlsxStream(pages, columns, s, sheetName);
  const out = new PassThrough();
  void (async () => {
    for await (const chunk of csvChunks(pages, columns, s))
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
    out.end();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
