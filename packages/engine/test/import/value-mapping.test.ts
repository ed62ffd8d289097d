import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FieldSpec } from '@trellis/spec';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkImportOptions,
  createImportJob,
  fileValues,
  previewImport,
  runImportJob,
  suggestOption,
  type ImportOptions,
} from '../../src/index';
import { loadEducationSpec } from '../fixtures/education';
import { setup, teardown } from '../fixtures/harness';

const GBK = join(import.meta.dirname, '../../test-data/import/leads-gbk.csv');
const dir = mkdtempSync(join(tmpdir(), 'trellis-import-values-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spec = loadEducationSpec();
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };

let t: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  t = await setup(spec);
  await t.addUser('u-ops');
});
afterEach(() => teardown(t.store));

const yesNo = {
  key: 'paid',
  type: 'select',
  label: { 'zh-CN': '已付款', en: 'Paid' },
  options: [
    { value: 'y', label: { 'zh-CN': '是', en: 'Yes' } },
    { value: 'n', label: { 'zh-CN': '否', en: 'No' } },
  ],
} as Extract<FieldSpec, { type: 'select' }>;

describe('suggesting the option of a file value', () => {
  it('matches the stored value, a label in either language, and synonyms of yes and no', () => {
    const source = spec.entities
      .find((e) => e.key === 'lead')!
      .fields.find((f) => f.key === 'source') as Extract<FieldSpec, { type: 'select' }>;
    expect(suggestOption(source, 'douyin')).toBe('douyin');
    expect(suggestOption(source, '抖音')).toBe('douyin');
    expect(suggestOption(source, 'WeChat Official Account')).toBe('wechatMp');
    expect(suggestOption(source, '４００电话')).toBe('hotline');
    expect(suggestOption(source, '小红书')).toBeNull();
    expect(suggestOption(source, '  ')).toBeNull();
    expect(['Y', '√', 'true', '是'].map((v) => suggestOption(yesNo, v))).toEqual([
      'y',
      'y',
      'y',
      'y',
    ]);
    expect(['没有', 'N', '×', 'No'].map((v) => suggestOption(yesNo, v))).toEqual([
      'n',
      'n',
      'n',
      'n',
    ]);
    expect(suggestOption(yesNo, '也许')).toBeNull();
  });
});

describe('the distinct values of a file', () => {
  it('lists each mapped select column of an Excel GBK file with row counts and suggestions', async () => {
    const preview = (await previewImport(t.engine, 'lead', GBK, {}))!;
    const values = (await fileValues(t.engine, 'lead', GBK, { mapping: preview.mapping }))!;
    const source = values.find((v) => v.field === 'source')!;
    expect(source.more).toBe(false);
    expect(source.column).toBe(3);
    expect(source.values).toEqual([
      { text: '抖音', rows: 2, option: 'douyin' },
      { text: '400电话', rows: 1, option: 'hotline' },
      { text: '公众号', rows: 1, option: 'wechatMp' },
      { text: '官网', rows: 1, option: 'website' },
      { text: '小红书', rows: 1, option: null },
      { text: '转介绍', rows: 1, option: 'referral' },
    ]);
    expect(values.find((v) => v.field === 'course')!.values.slice(0, 2)).toEqual([
      { text: 'Python编程', rows: 2, option: 'python' },
      { text: '产品经理', rows: 2, option: 'productManager' },
    ]);
    // Text and phone columns are not listed.
    expect(values.map((v) => v.field).sort()).toEqual(['course', 'source']);
  });

  it('maps a multiselect cell part by part, in the list and in the written record', async () => {
    const path = join(dir, 'tags.csv');
    writeFileSync(
      path,
      '姓名,手机号,来源渠道,标签\n' +
        '甲,13800138001,抖音,周末班、线上\n' +
        '乙,13800138002,抖音,"Weekend class;晚班"\n' +
        '丙,13800138003,抖音,线上\n',
    );
    const mapping = { 0: 'name', 1: 'phone', 2: 'source', 3: 'tags' };
    const values = (await fileValues(t.engine, 'lead', path, { mapping }))!;
    expect(values.find((v) => v.field === 'tags')!.values).toEqual([
      { text: '线上', rows: 2, option: null },
      { text: 'Weekend class', rows: 1, option: 'weekend' },
      { text: '周末班', rows: 1, option: 'weekend' },
      { text: '晚班', rows: 1, option: 'evening' },
    ]);
    const options: ImportOptions = {
      mapping,
      values: { tags: { 线上: 'online' } },
      dedupe: 'skip',
      locale: 'zh-CN',
      actor,
    };
    const job = await createImportJob(t.engine, {
      entity: 'lead',
      fileName: 'tags.csv',
      filePath: path,
      options,
      dryRun: false,
    });
    expect(await runImportJob(t.engine, job.id)).toMatchObject({ created: 3, failed: 0 });
    const rows = await t.store.tables.rows('e_lead');
    const tags = Object.fromEntries(
      rows.map((r) => [r.name, JSON.parse(String(r.tags)) as string[]]),
    );
    expect(tags).toEqual({
      甲: ['weekend', 'online'],
      乙: ['weekend', 'evening'],
      丙: ['online'],
    });
  });
});

describe('checking a value mapping', () => {
  const base = (values: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): ImportOptions => ({
    mapping: { 0: 'name', 3: 'source' },
    values: values as ImportOptions['values'],
    dedupe: 'skip',
    locale,
    actor,
  });

  it('refuses a target that is not an option, a field without a column, and a malformed map', async () => {
    expect(
      await checkImportOptions(t.engine, 'lead', base({ source: { 小红书: 'other' } })),
    ).toEqual([]);
    const errors = await checkImportOptions(
      t.engine,
      'lead',
      base({ source: { '小红书/RED': 'redbook' }, course: { Java: 'java' } }),
    );
    expect(errors).toEqual([
      {
        path: '/values/source/小红书~1RED',
        code: 'invalid_option',
        message: '“小红书/RED”要对应的“redbook”不是字段“source”的选项',
      },
      {
        path: '/values/course',
        code: 'unknown_field',
        message: '字段“course”没有对应的列，或不是单选/多选字段',
      },
    ]);
    const en = await checkImportOptions(t.engine, 'lead', base({ source: 'douyin' }, 'en'));
    expect(en).toEqual([
      {
        path: '/values/source',
        code: 'invalid_value',
        message: 'The value mapping must map each text of the file to an option',
      },
    ]);
  });
});
