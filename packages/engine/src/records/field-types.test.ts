import { afterAll, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';

const ctx = await setup();
await ctx.addUser('u-9');
afterAll(() => ctx.store.close());
const account = await ctx.engine.records.create('account', { title: '星火' }, opts);
const accountId = account.ok ? account.record.id : '';
const pdf = { id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' };

// [field, input, stored value]
const good: [string, unknown, unknown][] = [
  ['notes', ' 第一行\n第二行 ', '第一行\n第二行'],
  ['email', 'Li@Example.COM', 'li@example.com'],
  ['phone', '(+86) 139-0013-9000', '+8613900139000'],
  ['site', 'https://example.com/a', 'https://example.com/a'],
  ['age', '12', 12],
  ['discount', '12.5%', 12.5],
  ['budget', 199900, 199900],
  ['birthday', '2015年3月7日', '2015-03-07'],
  ['nextCallAt', '2026-01-06T09:30:00Z', Date.UTC(2026, 0, 6, 9, 30)],
  ['vip', '否', false],
  ['source', 'Referral', 'referral'],
  ['tags', ['hot', 'hot', 'adult'], ['hot', 'adult']],
  ['company', accountId, accountId],
  ['advisor', 'u-9', 'u-9'],
  ['attachments', pdf, [pdf]],
  ['city', '杭州市', '330100'],
];

const bad: [string, unknown, string, string][] = [
  ['name', 'x'.repeat(51), '/name', 'maxLength'],
  ['email', 'li@', '/email', 'invalid_email'],
  ['phone', '110', '/phone', 'invalid_phone'],
  ['site', 'example.com', '/site', 'pattern'],
  ['age', 2, '/age', 'minimum'],
  ['discount', 101, '/discount', 'maximum'],
  ['budget', '9.99', '/budget', 'type'],
  ['birthday', '2026-13-01', '/birthday', 'format'],
  ['nextCallAt', -5, '/nextCallAt', 'minimum'],
  ['vip', 'perhaps', '/vip', 'type'],
  ['source', 'radio', '/source', 'enum'],
  ['tags', ['hot', 'parent', 'adult'], '/tags', 'maxItems'],
  ['company', 'acc-404', '/company', 'relation_not_found'],
  ['advisor', ['u-1'], '/advisor', 'type'],
  ['attachments', [pdf, pdf, pdf], '/attachments', 'maxItems'],
  ['city', '上海市浦东新区', '/city', 'invalid_region'],
  ['budgetYuan', 5, '/budgetYuan', 'field_readonly'],
];

describe('every field type through records.create', () => {
  it.each(good)('stores a good %s', async (field, input, stored) => {
    const r = await ctx.engine.records.create(
      'lead',
      { name: `good ${field}`, guardian: 'Mum', [field]: input },
      opts,
    );
    expect(r.ok && r.record[field]).toEqual(stored);
  });

  it.each(bad)('refuses a bad %s', async (field, input, path, code) => {
    const before = await ctx.count('e_lead');
    const r = await ctx.engine.records.create(
      'lead',
      { name: `bad ${field}`, guardian: 'Mum', [field]: input },
      opts,
    );
    expect(!r.ok && r.error.errors.map((e) => [e.path, e.code])).toContainEqual([path, code]);
    expect(!r.ok && r.error.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(await ctx.count('e_lead')).toBe(before);
  });
});
