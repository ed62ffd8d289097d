import { describe, expect, it } from 'vitest';
import names from '@trellis/spec/region-names-en.json';
import { placeMatches, placeOptions, placePath } from './region-places';

describe('the region filter’s places', () => {
  it('offers provinces and cities for a city field, in Chinese or English', () => {
    const zh = placeOptions('city', undefined, names);
    const zj = zh.find((p) => p.value === '330000')!;
    expect(zj.label).toBe('浙江省');
    expect(zj.children?.find((c) => c.value === '330100')?.label).toBe('杭州市');
    // A city field stops at cities: no district column.
    expect(zj.children?.[0]?.children).toBeUndefined();
    const en = placeOptions('city', names, names);
    expect(en.find((p) => p.value === '330000')?.label).toBe('Zhejiang');
  });

  it('finds a place by its Chinese name or its pinyin, with or without spaces', () => {
    const [zj] = placeOptions('district', undefined, names).filter((p) => p.value === '330000');
    const hz = zj!.children!.find((c) => c.value === '330100')!;
    const xihu = hz.children!.find((c) => c.value === '330106')!;
    for (const typed of ['杭州', 'hangzhou', 'Hang Zhou'])
      expect(placeMatches(typed, [zj!, hz]), typed).toBe(true);
    expect(placeMatches('xihu', [zj!, hz, xihu])).toBe(true);
    expect(placeMatches('ningbo', [zj!, hz])).toBe(false);
  });

  it('reads a code as its path from the province', () => {
    expect(placePath('330106')).toEqual(['330000', '330100', '330106']);
    expect(placePath('nowhere')).toEqual([]);
  });
});
