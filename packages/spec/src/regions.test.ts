import { describe, expect, it } from 'vitest';
import { isRegionCode, regionChildren, regionInfo, regionPath } from './index';

describe('regions', () => {
  it('knows provinces, cities and districts by six-digit code', () => {
    expect(regionInfo('330000')).toEqual({
      code: '330000',
      name: '浙江省',
      level: 'province',
      parent: null,
    });
    expect(regionInfo('330100')).toMatchObject({ name: '杭州市', level: 'city', parent: '330000' });
    expect(regionInfo('330106')).toMatchObject({
      name: '西湖区',
      level: 'district',
      parent: '330100',
    });
    expect(regionInfo('339999')).toBeUndefined();
    expect(regionPath('330106')).toBe('浙江省 / 杭州市 / 西湖区');
    expect(regionPath('339999')).toBeUndefined();
  });

  it('writes a path as people do, without the code list’s groupings (市辖区, 县, 省直辖县级行政区划)', () => {
    expect(regionInfo('110100')).toMatchObject({ name: '市辖区', level: 'city' });
    expect(regionPath('110100')).toBe('北京市');
    expect(regionPath('110105')).toBe('北京市 / 朝阳区');
    expect(regionPath('310100')).toBe('上海市');
    expect(regionPath('500200')).toBe('重庆市');
    expect(regionInfo('429004')).toMatchObject({ name: '仙桃市', parent: '429000' });
    expect(regionPath('429004')).toBe('湖北省 / 仙桃市');
  });

  it('lists the options of each cascader column', () => {
    const provinces = regionChildren(null);
    expect(provinces.length).toBe(31);
    expect(regionChildren('330000').map((c) => c.name)).toContain('宁波市');
    expect(regionChildren('330106')).toEqual([]);
  });

  it('accepts codes at the field level, or shallower ones without subdivisions', () => {
    expect(isRegionCode('330106', 'district')).toBe(true);
    expect(isRegionCode('330100', 'city')).toBe(true);
    expect(isRegionCode('330106', 'city')).toBe(false);
    expect(isRegionCode('330100', 'district')).toBe(false);
    // 东莞市 has towns (9-digit codes) but no districts, so a district-level field stops at the city.
    expect(regionInfo('441900')).toMatchObject({ name: '东莞市', level: 'city' });
    expect(regionChildren('441900')).toEqual([]);
    expect(isRegionCode('441900', 'district')).toBe(true);
  });
});
