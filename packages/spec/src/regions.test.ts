import { describe, expect, it } from 'vitest';
import type { RegionInfo } from './regions';
import { isRegionCode, regionChildren, regionInfo, regionNamesEn, regionPath } from './index';

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

describe('English region names', () => {
  const names = regionNamesEn();
  const codeOf = (path: string) => {
    let parent: string | null = null;
    for (const name of path.split('/')) {
      const found: RegionInfo | undefined = regionChildren(parent).find((r) => r.name === name);
      if (!found) throw new Error(`no ${name} in ${path}`);
      parent = found.code;
    }
    return parent!;
  };

  it('names every division of the data, in Latin letters', () => {
    const codes: string[] = [];
    const visit = (parent: string | null) => {
      for (const r of regionChildren(parent)) {
        codes.push(r.code);
        visit(r.code);
      }
    };
    visit(null);
    expect(codes.length).toBeGreaterThan(3000);
    expect(codes.filter((c) => !/^[A-Z][A-Za-z'ü, -]*[a-z]$/.test(names[c] ?? ''))).toEqual([]);
    expect(Object.keys(names).sort()).toEqual(codes.sort());
  });

  // Characters with more than one reading, each in a place whose name people read one way;
  // pinyin-pro alone reads some of them wrong (乐清 "Leqing", 单县 "Dan", 闵行 "Minxing").
  it.each([
    ['重庆市', 'Chongqing'],
    ['湖南省/长沙市', 'Changsha'],
    ['福建省/厦门市', 'Xiamen'],
    ['安徽省/蚌埠市', 'Bengbu'],
    ['安徽省/蚌埠市/蚌山区', 'Bengshan District'],
    ['安徽省/六安市', "Lu'an"],
    ['安徽省/亳州市/涡阳县', 'Guoyang County'],
    ['安徽省/黄山市/歙县', 'She County'],
    ['浙江省/温州市/乐清市', 'Yueqing City'],
    ['河北省/唐山市/乐亭县', 'Laoting County'],
    ['山东省/菏泽市/单县', 'Shan County'],
    ['山东省/临沂市/费县', 'Bi County'],
    ['山西省/临汾市/洪洞县', 'Hongtong County'],
    ['河北省/张家口市/蔚县', 'Yu County'],
    ['四川省/成都市', 'Chengdu'],
    ['四川省/成都市/郫都区', 'Pidu District'],
    ['上海市/市辖区/闵行区', 'Minhang District'],
    ['湖北省/武汉市/黄陂区', 'Huangpi District'],
    ['河南省/驻马店市/泌阳县', 'Biyang County'],
    ['广东省/广州市/番禺区', 'Panyu District'],
    ['江西省/上饶市/铅山县', 'Yanshan County'],
    ['山西省/长治市/长子县', 'Zhangzi County'],
    ['山西省/太原市/万柏林区', 'Wanbailin District'],
    ['陕西省/西安市', "Xi'an"],
    ['北京市/市辖区/海淀区', 'Haidian District'],
  ])('%s reads %s', (path, english) => {
    expect(names[codeOf(path)]).toBe(english);
  });

  it('gives provinces, autonomous places and development zones their usual English', () => {
    expect(names['150000']).toBe('Inner Mongolia Autonomous Region');
    expect(names['610000']).toBe('Shaanxi');
    expect(names['140000']).toBe('Shanxi');
    expect(names[codeOf('吉林省/延边朝鲜族自治州')]).toBe('Yanbian Korean Autonomous Prefecture');
    expect(names[codeOf('新疆维吾尔自治区/乌鲁木齐市')]).toBe('Urumqi');
    expect(names[codeOf('河北省/唐山市/河北唐山芦台经济开发区')]).toBe(
      'Hebei Tangshan Lutai Economic Development Zone',
    );
  });

  it('writes an English path smallest place first, without the groupings', () => {
    expect(regionPath('330106', names)).toBe('Xihu District, Hangzhou, Zhejiang');
    expect(regionPath('110108', names)).toBe('Haidian District, Beijing');
    expect(regionPath('110100', names)).toBe('Beijing');
    expect(regionPath('339999', names)).toBeUndefined();
  });
});
