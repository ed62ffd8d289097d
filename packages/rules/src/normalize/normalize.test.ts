import { describe, expect, it } from 'vitest';
import { leadApp } from '../../test/fixtures/lead-app';
import { createSpecModel } from '../model/spec-model';
import { normalizeEmail } from './email';
import { normalizeInput } from './normalize-input';
import { normalizePhone } from './phone';
import { fullEnv } from '../env/full-env';

const model = createSpecModel(leadApp, 1).entity('lead')!;

describe('normalizePhone', () => {
  it.each([
    '+86 138-0013-8000',
    '8613800138000',
    '138 0013 8000',
    '１３８００１３８０００',
    '0086 138 0013 8000',
    ' (+86)13800138000 ',
  ])('collapses %s to one E.164 number', (input) => {
    expect(normalizePhone(input, 'CN', fullEnv)).toEqual({ ok: true, value: '+8613800138000' });
  });

  it('uses the default region for numbers without a country code', () => {
    expect(normalizePhone('(650) 253-0000', 'US', fullEnv)).toEqual({
      ok: true,
      value: '+16502530000',
    });
    expect(normalizePhone('010-12345678', 'CN', fullEnv)).toEqual({
      ok: true,
      value: '+861012345678',
    });
  });

  it('reports numbers that are not valid instead of guessing', () => {
    expect(normalizePhone('12345', 'CN', fullEnv).ok).toBe(false);
    expect(normalizePhone('call me', 'CN', fullEnv).ok).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it('lowercases, trims and folds full-width characters', () => {
    expect(normalizeEmail('  Zhang.San@Example.COM ')).toEqual({
      ok: true,
      value: 'zhang.san@example.com',
    });
    expect(normalizeEmail('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toEqual({
      ok: true,
      value: 'zhang@example.com',
    });
  });
  it('rejects text that is not an address', () => {
    expect(normalizeEmail('zhang at example').ok).toBe(false);
  });
});

describe('normalizeInput', () => {
  const norm = (values: unknown, via: 'ui' | 'import' = 'ui') =>
    normalizeInput(model, values, { locale: 'en', via });

  it('normalizes each field type to the engine representation', () => {
    const r = norm({
      name: '  Ｌｉ　Ｌｅｉ ',
      notes: '  第一次沟通，很积极。 ',
      email: 'LI@Example.com',
      phone: '138 0013 8000',
      age: '１２',
      discount: '12.5%',
      budget: '1,000,000',
      birthday: '2015/3/7',
      nextCallAt: '2026-01-06T09:30:00Z',
      vip: '是',
      source: '抖音',
      tags: 'hot，parent',
      company: ' acc-1 ',
      city: 330100,
    });
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({
      name: 'Li Lei',
      notes: '第一次沟通，很积极。',
      email: 'li@example.com',
      phone: '+8613800138000',
      age: 12,
      discount: 12.5,
      budget: 1000000,
      birthday: '2015-03-07',
      nextCallAt: Date.UTC(2026, 0, 6, 9, 30),
      vip: true,
      source: 'douyin',
      tags: ['hot', 'parent'],
      company: 'acc-1',
      city: '330100',
    });
  });

  it('accepts region codes and unambiguous place names, refusing unknown places and too-deep codes', () => {
    expect(norm({ city: '杭州' }).values.city).toBe('330100');
    expect(norm({ city: '浙江省杭州市' }).values.city).toBe('330100');
    expect(norm({ city: '330000' }).values.city).toBe('330000');
    expect(norm({ city: '330106' }).errors.map((e) => e.code)).toEqual(['invalid_region']);
    expect(norm({ city: '999999' }).errors.map((e) => e.code)).toEqual(['invalid_region']);
    expect(norm({ city: 'Gotham' }).errors[0]).toMatchObject({
      path: '/city',
      message: '"City" is not a valid region code',
    });
  });

  it('turns blank input into null', () => {
    expect(norm({ name: '   ', tags: [], phone: '' }).values).toEqual({
      name: null,
      tags: null,
      phone: null,
    });
  });

  it('refuses unknown fields, engine system fields and formula fields with paths', () => {
    const r = norm({ nmae: 'x', version: 3, budgetYuan: 10 });
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['/nmae', 'unknown_field'],
      ['/version', 'system_field'],
      ['/budgetYuan', 'field_readonly'],
    ]);
    expect(r.errors[0]!.message).toBe('Unknown field "nmae"');
  });

  it('reports an invalid phone in the caller locale', () => {
    const r = normalizeInput(model, { phone: '12345' }, { locale: 'zh-CN', via: 'ui' });
    expect(r.errors).toEqual([
      {
        path: '/phone',
        code: 'invalid_phone',
        message: '“手机”不是有效的电话号码',
        params: { label: '手机' },
      },
    ]);
    expect(r.invalid.has('phone')).toBe(true);
  });

  it('rejects input that is not an object', () => {
    expect(norm(['x']).errors[0]!.code).toBe('type');
    expect(norm(null).errors).toHaveLength(1);
  });
});
