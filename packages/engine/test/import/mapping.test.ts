import { join } from 'node:path';
import { getEntity, type EntitySpec } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import {
  openTable,
  readHeader,
  rowInput,
  suggestMapping,
  wallTimeToInstant,
  type SheetRow,
} from '../../src/import/index';
import { loadEducationSpec } from '../fixtures/education';

const DATA = join(import.meta.dirname, '../../test-data/import');
const lead = getEntity(loadEducationSpec(), 'lead') as EntitySpec;

async function firstRows(name: string, n = 20): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of (await openTable(join(DATA, name))).rows()) {
    out.push(r);
    if (out.length >= n) break;
  }
  return out;
}

describe('column mapping', () => {
  it('maps the Chinese header of an Excel CSV to the fields by label', async () => {
    const rows = await firstRows('leads-gbk.csv');
    const header = readHeader(rows)!;
    expect(suggestMapping(header.columns, lead)).toEqual({
      0: 'name',
      1: 'phone',
      2: 'wechatId',
      3: 'source',
      4: 'course',
      5: 'city',
      6: 'age',
      7: 'firstContactAt',
      8: 'notes',
    });
  });

  it('maps English labels, keys, header words and merged headers', () => {
    const columns = [
      'Full name',
      'Mobile',
      'E-mail *',
      'course',
      'Source channel（必填）',
      'Unknown',
    ].map((name, index) => ({ index, name, parts: [name] }));
    expect(suggestMapping(columns, lead)).toEqual({
      0: 'name',
      1: 'phone',
      2: 'email',
      3: 'course',
      4: 'source',
    });
    const merged = [
      { index: 0, name: '联系方式 / 手机号', parts: ['联系方式', '手机号'] },
      { index: 1, name: '联系方式 / 邮箱', parts: ['联系方式', '邮箱'] },
    ];
    expect(suggestMapping(merged, lead)).toEqual({ 0: 'phone', 1: 'email' });
  });

  it('gives a field to one column only, preferring an exact label over a header word', () => {
    const columns = ['电话', '手机号'].map((name, index) => ({ index, name, parts: [name] }));
    expect(suggestMapping(columns, lead)).toEqual({ 1: 'phone' });
  });
});

describe('cell values', () => {
  it('turns workbook cells into record input: dates, long numbers, blanks', async () => {
    const rows = await firstRows('leads-merged.xlsx');
    const header = readHeader(rows)!;
    const mapping = suggestMapping(header.columns, lead);
    expect(mapping).toEqual({
      0: 'name',
      1: 'phone',
      2: 'email',
      3: 'source',
      4: 'firstContactAt',
      5: 'age',
    });
    const input = (n: number) => rowInput(rows.find((r) => r.row === n)!.cells, mapping, lead);
    // 2026-03-05 14:30 in Shanghai (the sheet's wall time) is 06:30 UTC.
    expect(input(4)).toEqual({
      name: '周杰',
      phone: '13900139000',
      email: 'zhoujie@example.com',
      source: '抖音',
      firstContactAt: Date.UTC(2026, 2, 5, 6, 30),
      age: 22,
    });
    // A blank email is "not given", not an empty string.
    expect(input(5)).not.toHaveProperty('email');
    // An Excel serial number in a date column (46090.5 = 2026-03-09 12:00) and a date typed as text.
    expect(input(6).firstContactAt).toBe(Date.UTC(2026, 2, 9, 4, 0));
    expect(input(7).firstContactAt).toBe(Date.UTC(2026, 2, 8, 8, 45));
  });

  it('applies the value mapping the user chose before the field rules', () => {
    const mapping = { 0: 'source', 1: 'tags' };
    const values = { source: { 小红书: 'other', '抖音 ': 'douyin' }, tags: { 周末: ['weekend'] } };
    expect(rowInput(['小红书', '周末'], mapping, lead, values)).toEqual({
      source: 'other',
      tags: ['weekend'],
    });
    // Unmapped text goes to the write path as it is (labels are matched there).
    expect(rowInput(['官网', ''], mapping, lead, values)).toEqual({ source: '官网' });
  });

  it('reads a region an English export wrote back as its code; Chinese and codes go on as typed', () => {
    const mapping = { 0: 'city' };
    expect(rowInput(['Hangzhou, Zhejiang'], mapping, lead)).toEqual({ city: '330100' });
    expect(rowInput(['  xihu district,  HANGZHOU, Zhejiang '], mapping, lead)).toEqual({
      city: '330106',
    });
    // "Chaoyang District" is in Beijing and in Changchun: only the whole path tells them apart.
    expect(rowInput(['Chaoyang District, Beijing'], mapping, lead)).toEqual({ city: '110105' });
    expect(rowInput(['Chaoyang District'], mapping, lead)).toEqual({ city: 'Chaoyang District' });
    expect(rowInput(['浙江省 杭州市'], mapping, lead)).toEqual({ city: '浙江省 杭州市' });
    expect(rowInput(['330100'], mapping, lead)).toEqual({ city: '330100' });
  });

  it('refuses impossible dates instead of rolling them over', () => {
    const mapping = { 0: 'firstContactAt' };
    expect(rowInput(['2026/2/31 10:00'], mapping, lead)).toEqual({
      firstContactAt: '2026/2/31 10:00',
    });
  });

  it('converts wall time in other zones, across daylight saving', () => {
    const wall = new Date(Date.UTC(2026, 6, 1, 12, 0));
    expect(wallTimeToInstant(wall, 'UTC')).toBe(wall.getTime());
    expect(wallTimeToInstant(wall, 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    expect(wallTimeToInstant(new Date(Date.UTC(2026, 0, 1, 12)), 'Europe/Berlin')).toBe(
      Date.UTC(2026, 0, 1, 11, 0),
    );
    // Offsets are remembered per quarter hour: the minutes either side of a change still differ
    // (Berlin moves to summer time at 01:00 UTC on 2026-03-29), and a 45-minute zone is exact.
    expect(wallTimeToInstant(new Date(Date.UTC(2026, 2, 29, 1, 59)), 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 0, 59),
    );
    expect(wallTimeToInstant(new Date(Date.UTC(2026, 2, 29, 3, 0)), 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 1, 0),
    );
    expect(wallTimeToInstant(new Date(Date.UTC(2026, 2, 29, 12, 0)), 'Asia/Kathmandu')).toBe(
      Date.UTC(2026, 2, 29, 6, 15),
    );
  });
});
