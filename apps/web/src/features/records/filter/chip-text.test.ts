import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '@trellis/spec';
import names from '@trellis/spec/region-names-en.json';
import { chipText, type ChipContext } from './chip-text';

const entity = {
  key: 'lead',
  label: { 'zh-CN': '线索', en: 'Lead' },
  fields: [
    { key: 'city', type: 'region', level: 'city', label: { 'zh-CN': '所在城市', en: 'City' } },
    {
      key: 'source',
      type: 'select',
      label: { 'zh-CN': '来源', en: 'Source' },
      options: [
        { value: 'douyin', label: { 'zh-CN': '抖音', en: 'Douyin' } },
        { value: 'website', label: { 'zh-CN': '官网', en: 'Website' } },
      ],
    },
  ],
} as unknown as EntitySpec;

const words: Record<string, Record<string, string>> = {
  'zh-CN': { 'filter.op.within': '位于', 'filter.op.in': '属于', 'filter.op.empty': '为空' },
  en: { 'filter.op.within': 'is in', 'filter.op.in': 'is one of', 'filter.op.empty': 'is empty' },
};
const ctx = (locale: 'zh-CN' | 'en'): ChipContext => ({
  entity,
  stages: [],
  locale,
  label: (k) => (entity.fields.find((f) => f.key === k)?.label as Record<string, string>)[locale]!,
  userName: (id) => id,
  regionNames: locale === 'en' ? names : undefined,
  words: (k) => words[locale]![k] ?? k,
});

describe('a filter chip’s words', () => {
  it('names the place picked, in Chinese or in English, never by its code', () => {
    const row = { field: 'city', op: 'within' as const, value: '330100' };
    expect(chipText(row, ctx('zh-CN'))).toBe('所在城市 位于 浙江省 / 杭州市');
    expect(chipText(row, ctx('en'))).toBe('City is in Hangzhou, Zhejiang');
    expect(chipText({ ...row, value: '330000' }, ctx('zh-CN'))).toBe('所在城市 位于 浙江省');
  });

  it('reads options by their labels and an empty check without a value', () => {
    const row = { field: 'source', op: 'in' as const, value: ['douyin', 'website'] };
    expect(chipText(row, ctx('zh-CN'))).toBe('来源 属于 抖音、官网');
    expect(chipText(row, ctx('en'))).toBe('Source is one of Douyin, Website');
    expect(chipText({ field: 'source', op: 'empty' }, ctx('en'))).toBe('Source is empty');
  });
});
