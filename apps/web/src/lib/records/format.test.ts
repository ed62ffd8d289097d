import { beforeAll, describe, expect, it } from 'vitest';
import type { EntitySpec, FieldSpec } from '@trellis/spec';
import { loadCellFormats, loadRegionNamesEn, type CellLibs } from './cell-formats';
import { columnWidth, formatValue } from './format';

const city = { key: 'city', type: 'region', label: { 'zh-CN': '城市', en: 'City' } } as FieldSpec;
const phone = { key: 'phone', type: 'phone', label: '手机号' } as FieldSpec;
const before = { locale: 'zh-CN' as const, userName: (id: string) => id };
let env: typeof before & { cells: CellLibs };
beforeAll(async () => {
  env = { ...before, cells: await loadCellFormats() };
});

describe('phone and region cells before their libraries have loaded', () => {
  it('read a mainland mobile as the library does, another number as stored, a region as nothing', () => {
    for (const n of ['+8613800138000', '+8619912345678', '+8615000000001'])
      expect(formatValue(phone, n, before)).toBe(formatValue(phone, n, env));
    expect(formatValue(phone, '+8613800138000', before)).toBe('138 0013 8000');
    expect(formatValue(phone, '+85251234567', before)).toBe('+85251234567');
    expect(
      formatValue({ ...phone, defaultRegion: 'HK' } as FieldSpec, '+8613800138000', before),
    ).toBe('+8613800138000');
    expect(formatValue(city, '330106', before)).toBe('');
  });
});

describe('cell text of a region field', () => {
  it('shows the division names, not the code', () => {
    expect(formatValue(city, '330106', env)).toBe('浙江省 杭州市 西湖区');
    // A municipality's city level is the code list's 市辖区: written as people write it.
    expect(formatValue(city, '310100', env)).toBe('上海市');
    expect(formatValue(city, '110105', env)).toBe('北京市 朝阳区');
  });
  it('shows an unknown code as stored', () => {
    expect(formatValue(city, '999999', env)).toBe('999999');
  });
  it('reads in English on an English page once the English names are here, never in Chinese', async () => {
    const en = { ...env, locale: 'en' as const };
    expect(formatValue(city, '110108', en)).toBe('');
    await loadRegionNamesEn();
    const named = { ...en, cells: await loadCellFormats() };
    expect(formatValue(city, '110108', named)).toBe('Haidian District, Beijing');
    expect(formatValue(city, '330106', named)).toBe('Xihu District, Hangzhou, Zhejiang');
    expect(formatValue(city, '110108', { ...named, locale: 'zh-CN' })).toBe('北京市 海淀区');
  });
});

describe('cell text of a phone field', () => {
  it('reads a number of its region as written there, not E.164', () => {
    expect(formatValue(phone, '+8613800138000', env)).toBe('138 0013 8000');
    expect(formatValue({ ...phone, defaultRegion: 'HK' } as FieldSpec, '+85251234567', env)).toBe(
      '5123 4567',
    );
  });
  it('reads a number of another region with its country code', () => {
    expect(formatValue(phone, '+85251234567', env)).toBe('+852 5123 4567');
  });
});

describe('least width of a list column', () => {
  const customer = {
    key: 'customer',
    titleField: 'companyName',
    fields: [
      { key: 'companyName', type: 'text' },
      { key: 'contactName', type: 'text' },
      { key: 'phone', type: 'phone' },
      { key: 'completeness', type: 'percent' },
    ],
  } as unknown as EntitySpec;
  it('gives the record’s name more room than other text, and each type its own', () => {
    expect(columnWidth(customer, 'companyName')).toBeGreaterThan(
      columnWidth(customer, 'contactName'),
    );
    expect(columnWidth(customer, 'contactName')).toBe(120);
    expect(columnWidth(customer, 'phone')).toBe(150);
    expect(columnWidth(customer, 'completeness')).toBe(90);
    expect(columnWidth(customer, 'createdAt')).toBe(170);
    const places = {
      ...customer,
      fields: [
        { ...city, level: 'city' },
        { ...city, key: 'at' },
      ],
    };
    expect(columnWidth(places as EntitySpec, 'city')).toBe(120);
    expect(columnWidth(places as EntitySpec, 'city', 'en')).toBe(160);
    expect(columnWidth(places as EntitySpec, 'at')).toBe(170);
    expect(columnWidth(places as EntitySpec, 'at', 'en')).toBe(200);
  });

  it("gives a choice column room for its longest option in the reader's language, up to 200", () => {
    const option = (value: string, zh: string, en: string) => ({
      value,
      label: { 'zh-CN': zh, en },
    });
    const source = {
      key: 'source',
      type: 'select',
      label: '来源',
      options: [
        option('wx', '公众号', 'WeChat official account'),
        option('ref', '转介绍', 'Referral'),
      ],
    };
    const short = { ...source, key: 'yes', options: [option('y', '是', 'Yes')] };
    const long = {
      ...source,
      key: 'long',
      options: [option('x', '一个非常非常非常非常非常长的选项名称', 'x'.repeat(60))],
    };
    const tags = { ...source, key: 'tags', type: 'multiselect', options: [option('a', '甲', 'A')] };
    const entity = {
      ...customer,
      fields: [source, short, long, tags],
    } as unknown as EntitySpec;
    // "WeChat official account" was cut at 120 in English; 公众号 fits the least width.
    expect(columnWidth(entity, 'source', 'en')).toBeGreaterThan(170);
    expect(columnWidth(entity, 'source', 'zh-CN')).toBe(120);
    expect(columnWidth(entity, 'yes', 'en')).toBe(120);
    expect(columnWidth(entity, 'long', 'en')).toBe(200);
    expect(columnWidth(entity, 'long', 'zh-CN')).toBe(200);
    expect(columnWidth(entity, 'tags', 'en')).toBe(150);
  });
});
