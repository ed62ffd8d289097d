import { describe, expect, it } from 'vitest';
import { issueCodes, message } from './messages';

describe('messages', () => {
  it('has a zh-CN and an en sentence for every code, filled with its params', () => {
    const params = {
      operator: 'OPX',
      field: 'FLD',
      max: 42,
      expected: 'EXP',
      value: 'VAL',
      detail: 'DET',
    };
    expect(issueCodes.length).toBeGreaterThanOrEqual(15);
    for (const code of issueCodes) {
      const zh = message(code, params, 'zh-CN');
      const en = message(code, params, 'en');
      expect(zh).not.toBe(en);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[\x20-\x7e]+$/);
      expect(zh).not.toContain('undefined');
      expect(en).not.toContain('undefined');
    }
  });
  it('falls back to the code for unknown codes', () => {
    expect(message('logic.nope', {}, 'en')).toBe('logic.nope');
  });
});
