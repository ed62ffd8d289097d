import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportFileError, openTable, readHeader, type SheetRow } from '../../src/import/index';

const DATA = join(import.meta.dirname, '../../test-data/import');
const file = (name: string): string => join(DATA, name);

async function all(rows: AsyncGenerator<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

async function fileError(p: Promise<unknown>): Promise<ImportFileError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportFileError);
  return e as ImportFileError;
}

describe('reading CSV', () => {
  it('detects a GBK file as Excel in China saves it and reads its Chinese header', async () => {
    const table = await openTable(file('leads-gbk.csv'));
    expect(table.facts).toEqual({ format: 'csv', encoding: 'gb18030', delimiter: ',' });
    const rows = await all(table.rows());
    expect(rows[0]!.cells.slice(0, 4)).toEqual(['姓名', '手机号', '微信号', '来源渠道']);
    // The quoted comma stays inside its cell; row numbers are what a spreadsheet shows.
    expect(rows[1]).toMatchObject({
      row: 2,
      cells: expect.arrayContaining(['想周末上课,预算有限']),
    });
    expect(rows.filter((r) => r.cells.some((c) => c !== ''))).toHaveLength(8);
  });

  it('reads UTF-8 with a BOM and the same content', async () => {
    const gbk = await all((await openTable(file('leads-gbk.csv'))).rows());
    const table = await openTable(file('leads-utf8-bom.csv'));
    expect(table.facts.encoding).toBe('utf-8');
    const utf8 = await all(table.rows());
    expect(utf8).toEqual(gbk);
    expect(utf8[0]!.cells[0]).toBe('姓名'); // no BOM glued to the first name
  });

  it('lets the user override a wrong guess', async () => {
    const table = await openTable(file('leads-gbk.csv'), { encoding: 'utf-8' });
    const rows = await all(table.rows());
    expect(rows[0]!.cells[0]).not.toBe('姓名');
    await expect(openTable(file('leads-gbk.csv'), { encoding: 'klingon' })).rejects.toMatchObject({
      code: 'import.encoding',
    });
  });

  it('detects semicolons and tabs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-import-'));
    try {
      writeFileSync(join(dir, 'a.csv'), 'name;phone\n"a;b";1\n');
      writeFileSync(join(dir, 'b.tsv'), iconv.encode('姓名\t手机\n王\t1\n', 'gbk'));
      const a = await openTable(join(dir, 'a.csv'));
      expect(await all(a.rows())).toEqual([
        { row: 1, cells: ['name', 'phone'] },
        { row: 2, cells: ['a;b', '1'] },
      ]);
      const b = await openTable(join(dir, 'b.tsv'));
      expect(b.facts).toMatchObject({ delimiter: '\t', encoding: 'gb18030' });
      expect((await all(b.rows()))[1]!.cells).toEqual(['王', '1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an empty file and a binary file named .csv with a clear message', async () => {
    const empty = await fileError(openTable(file('empty.csv')));
    expect(empty.code).toBe('import.empty');
    expect(empty.text('zh-CN')).toBe('文件是空的');
    const binary = await fileError(openTable(file('picture.csv')));
    expect(binary.code).toBe('import.binary');
    expect(binary.text('en')).toMatch(/not CSV text/);
  });

  it('reads a workbook uploaded with a .csv name as a workbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-import-'));
    try {
      const path = join(dir, 'leads.csv');
      writeFileSync(
        path,
        await import('node:fs/promises').then((f) => f.readFile(file('leads-merged.xlsx'))),
      );
      expect((await openTable(path)).facts.format).toBe('xlsx');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading XLSX', () => {
  it('lists the sheets, reads the first, and finds a two-row header under merged cells', async () => {
    const table = await openTable(file('leads-merged.xlsx'));
    expect(table.facts).toEqual({
      format: 'xlsx',
      sheets: ['线索登记', '说明'],
      sheet: '线索登记',
    });
    const rows = await all(table.rows());
    const header = readHeader(rows.slice(0, 10));
    expect(header).toMatchObject({ headerRow: 2, headerRows: 2 });
    expect(header!.columns.map((c) => c.name)).toEqual([
      '姓名',
      '联系方式 / 手机号',
      '联系方式 / 邮箱',
      '来源渠道',
      '首次接触时间',
      '年龄',
    ]);
    const first = rows.find((r) => r.row === 4)!;
    expect(first.cells).toEqual([
      '周杰',
      13900139000,
      'zhoujie@example.com',
      '抖音',
      new Date(Date.UTC(2026, 2, 5, 14, 30)),
      22,
    ]);
  });

  it('reads another sheet by name and refuses an unknown one', async () => {
    const table = await openTable(file('leads-merged.xlsx'), { sheet: '说明' });
    const rows = await all(table.rows());
    expect(rows).toEqual([{ row: 1, cells: ['填写说明：手机号必填'] }]);
    const e = await fileError(openTable(file('leads-merged.xlsx'), { sheet: '不存在' }));
    expect(e.text('zh-CN')).toContain('不存在');
  });
});

describe('a workbook whose workbook part is stored after its sheets', () => {
  const path = file('leads-workbook-last.xlsx');

  it('is stored so (relationships and shared strings first, the workbook part last)', async () => {
    const { Open } = await import('unzipper');
    const stored = (await Open.file(path)).files.map((f) => f.path).filter((p) => !p.endsWith('/'));
    expect(stored.indexOf('xl/sharedStrings.xml')).toBeLessThan(
      stored.indexOf('xl/worksheets/sheet1.xml'),
    );
    expect(stored.at(-1)).toBe('xl/workbook.xml');
  });

  it('lists the sheets in tab order and reads every row, dates in the 1904 system', async () => {
    const table = await openTable(path);
    expect(table.facts).toEqual({ format: 'xlsx', sheets: ['线索', '说明'], sheet: '线索' });
    const rows = await all(table.rows());
    expect(rows).toHaveLength(2001);
    expect(rows[0]).toEqual({
      row: 1,
      cells: ['姓名', '手机号', '来源渠道', '首次接触时间', '备注'],
    });
    expect(rows[1]!.cells[3]).toEqual(new Date(Date.UTC(2026, 2, 5, 14, 30)));
    // Chinese characters split between two chunks of the unzipped text stay whole.
    rows.slice(1).forEach((r, i) => {
      expect(r.cells[0]).toBe(`学员${i}号`);
      expect(r.cells[4]).toBe(`第${i}位学员想了解周末班的课程安排、上课地点和分期付款`);
    });
    const notes = await openTable(path, { sheet: '说明' });
    expect(await all(notes.rows())).toEqual([{ row: 1, cells: ['填写说明：手机号必填'] }]);
  });
});
