import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { countCsvRecords } from '../../src/import/count-rows';
import { isBlankRow, openTable } from '../../src/import/index';

const DATA = join(import.meta.dirname, '../../test-data/import');
const dir = mkdtempSync(join(tmpdir(), 'trellis-count-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the job counts by parsing: non-blank rows from `from` on. */
async function parsedCount(path: string, from: number): Promise<number> {
  const table = await openTable(path);
  let n = 0;
  for await (const r of table.rows()) if (r.row >= from && !isBlankRow(r.cells)) n++;
  return n;
}

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

describe('counting the rows of a CSV file on its bytes', () => {
  it('agrees with the parser on the kept files', async () => {
    for (const name of ['leads-gbk.csv', 'leads-utf8-bom.csv']) {
      const path = join(DATA, name);
      const table = await openTable(path);
      for (const from of [1, 2, 5]) {
        expect(await table.countFrom(from)).toBe(await parsedCount(path, from));
        expect(await table.countFrom(from)).toBeGreaterThan(0);
      }
    }
  });

  it('agrees with the parser on quoted newlines, doubled quotes, blank rows and GBK text', async () => {
    // Cells as people type them: Chinese, commas, quotes, line breaks, spaces, nothing.
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '学员',
        '想周末上课,预算有限',
        '他说"好"',
        '第一行\n第二行',
        '"',
        '138 0013 8000',
      ),
      fc.string({ maxLength: 6 }).filter((s) => !s.includes('\r')),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 12 }),
        fc.constantFrom('gb18030', 'utf-8'),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        fc.boolean(),
        async (rows, encoding, delimiter, crlf, lastNewline) => {
          // A cell with a delimiter, quote or line break is quoted, as a spreadsheet writes it.
          const eol = crlf ? '\r\n' : '\n';
          const text =
            rows
              .map((cells) =>
                cells
                  .map((c) => (/[",;\t\n\s]/.test(c) || c.startsWith('"') ? quote(c) : c))
                  .join(delimiter),
              )
              .join(eol) + (lastNewline ? eol : '');
          const path = join(dir, 'case.csv');
          writeFileSync(path, iconv.encode(`姓名${delimiter}备注${eol}${text}`, encoding));
          const table = await openTable(path, { encoding, delimiter });
          expect(await table.countFrom(2)).toBe(await parsedCount(path, 2));
        },
      ),
      // -1076399661 found a quoted lone delimiter (`","`) counted as a blank row.
      { numRuns: 150, examples: [[[[',']], 'gb18030', ',', false, false]] },
    );
  });

  it('leaves UTF-16 and workbooks to the parser', async () => {
    const path = join(dir, 'utf16.csv');
    writeFileSync(path, iconv.encode('\uFEFF姓名,手机号\n学员,138\n', 'utf-16le'));
    expect(await countCsvRecords(path, 'utf-16le', ',', 2)).toBeNull();
    expect(await (await openTable(join(DATA, 'leads-merged.xlsx'))).countFrom(2)).toBeNull();
  });
});
