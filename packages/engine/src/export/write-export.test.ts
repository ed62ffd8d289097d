import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from './cells';
import { exportStream } from './write-export';

const PAGES = 200;
const ROWS = 100;
const columns: ExportColumn[] = [
  { key: 'id', label: '编号' },
  { key: 'note', label: '备注' },
];

/** Pages of hard-to-compress rows that count how many were asked for and whether they closed. */
function source() {
  const seen = { pulled: 0, closed: false };
  async function* pages() {
    try {
      for (let p = 0; p < PAGES; p++) {
        seen.pulled++;
        yield Array.from({ length: ROWS }, (_, i) => ({
          id: `r${p * ROWS + i}`,
          note: randomBytes(48).toString('base64'),
        }));
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, pages: pages() };
}

/** Lets the writer run until it stops asking for pages (it would ask for all of them unchecked). */
async function settle(seen: { pulled: number }) {
  let last = -1;
  let still = 0;
  while (still < 20 && seen.pulled < PAGES) {
    await new Promise((r) => setTimeout(r, 5));
    still = seen.pulled === last ? still + 1 : 0;
    last = seen.pulled;
  }
}

const xlsx = { format: 'xlsx' as const, locale: 'zh-CN' as const, timeZone: 'Asia/Shanghai' };

describe('XLSX export backpressure', () => {
  it('reads the next page only as the reader takes the file, and still writes every row', async () => {
    const { seen, pages } = source();
    const out = exportStream(pages, columns, xlsx);
    await settle(seen);
    // Nobody reads yet: the writer stopped after a few pages instead of holding all 200.
    expect(seen.pulled).toBeLessThan(PAGES / 4);
    const stopped = seen.pulled;
    await settle(seen);
    expect(seen.pulled).toBe(stopped);

    const chunks: Buffer[] = [];
    for await (const c of out) chunks.push(c as Buffer);
    expect(seen.pulled).toBe(PAGES);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from(Buffer.concat(chunks)));
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(PAGES * ROWS + 1);
    expect(ws.getRow(1).getCell(2).value).toBe('备注');
    expect(ws.getRow(PAGES * ROWS + 1).getCell(1).value).toBe(`r${PAGES * ROWS - 1}`);
  });

  it('stops reading pages and closes them when the download is broken off', async () => {
    const { seen, pages } = source();
    const out = exportStream(pages, columns, xlsx);
    await settle(seen);
    out.destroy();
    const before = seen.pulled;
    await settle(seen);
    expect(seen.pulled).toBeLessThanOrEqual(before + 1);
    expect(seen.closed).toBe(true);
  });
});

describe('XLSX export memory', () => {
  it('holds about one page between the pages read and the file sent, however long the export', async () => {
    // 150 pages of 20 rows with 4 KB of hard-to-compress text each: 12 MB of sheet XML. zlib
    // compresses slower than ExcelJS writes, so a writer that only watches the download runs
    // ahead and the sheet piles up in the zip's input; this one lets each page through first.
    const pages = 150;
    const sent = { bytes: 0 };
    const lagAtPull: number[] = [];
    async function* big() {
      for (let p = 0; p < pages; p++) {
        lagAtPull.push(sent.bytes);
        yield Array.from({ length: 20 }, (_, i) => ({
          id: `r${p * 20 + i}`,
          note: randomBytes(3072).toString('base64'),
        }));
      }
    }
    const out = exportStream(big(), columns, xlsx);
    for await (const c of out) sent.bytes += (c as Buffer).length;
    // What one page comes to in the file, on average (random base64 barely compresses).
    const perPage = sent.bytes / pages;
    expect(perPage).toBeGreaterThan(50_000);
    // When page k is read, all but the last few pages have reached the download.
    const behind = lagAtPull.map((bytes, k) => k - bytes / perPage);
    expect(Math.max(...behind)).toBeLessThan(4);
  });
});
