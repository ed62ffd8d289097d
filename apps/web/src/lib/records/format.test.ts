import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '@trellis/spec';
import { formatValue } from './format';

const city = { key: 'city', type: 'region', label: { 'zh-CN': '城市', en: 'City' } } as FieldSpec;
const env = { locale: 'zh-CN' as const, userName: (id: string) => id };

describe('cell text of a region field', () => {
  it('shows the division names, not the code', () => {
    expect(formatValue(city, '330106', env)).toBe('浙江省 杭州市 西湖区');
    expect(formatValue(city, '310100', env)).toMatch(/^上海市/);
  });
  it('shows an unknown code as stored', () => {
    expect(formatValue(city, '999999', env)).toBe('999999');
  });
});

describe('cell text of a phone field', () => {
  const phone = { key: 'phone', type: 'phone', label: '手机号' } as FieldSpec;
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
