import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { openStore } from '@trellis/store';
import { leadApp } from '../../test/fixtures/lead-app';
import { setup } from '../../test/fixtures/harness';
import { createEngine, type Actor } from '../index';
import { renderMessageSpans } from '../automations/template';
import { MASK, maskSpans, TEXT_SPANS_KEY } from './text-spans';

const spec: AppSpec = {
  ...leadApp,
  roles: [
    {
      key: 'advisor',
      label: { 'zh-CN': '顾问', en: 'Advisor' },
      entities: { lead: { create: false, read: 'all', update: 'all', delete: 'none' } },
      fields: { lead: { budget: 'hidden' } },
    },
    {
      key: 'marketing',
      label: { 'zh-CN': '市场', en: 'Marketing' },
      entities: { lead: { create: true, read: 'all', update: 'all', delete: 'none' } },
      fields: { lead: { notes: 'hidden' } },
    },
  ],
};
const advisor: Actor = { kind: 'user', userId: 'u-adv', role: 'advisor' };
const marketing: Actor = { kind: 'user', userId: 'u-mkt', role: 'marketing' };
const system = { actor: { kind: 'system' as const }, via: 'import' as const };

// The two values that broke text masking: a number that also appears inside every timestamp,
// and a note that is a piece of JSON syntax.
const QUOTE = 314;
const NOTES = '","';
// Times that contain "314" (epoch ms ending in 314).
const AT = Date.UTC(2026, 0, 5, 1, 0, 0) + 314;

// The default permissions of createEngine: the role model over its own live spec.
let ctx = await setup(spec, { permissions: undefined });
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup(spec, { permissions: undefined });
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

async function seed() {
  ctx.clock.set(AT);
  const lead = await ctx.engine.records.create(
    'lead',
    { name: '张三', phone: '13800138314', budget: QUOTE, notes: NOTES },
    system,
  );
  if (!lead.ok) throw new Error(JSON.stringify(lead.error));
  const id = String(lead.record.id);
  const rendered = renderMessageSpans(
    '报价 {{budget}} 元，备注 {{notes}}，{{name}}',
    lead.record,
    'zh-CN',
    spec.entities[0],
  );
  const task = await ctx.engine.tasks.create(
    {
      entity: 'lead',
      recordId: id,
      title: rendered.text,
      assigneeId: 'u-adv',
      source: { kind: 'automation', [TEXT_SPANS_KEY]: { title: rendered.spans } },
    },
    system,
  );
  if (!task.ok) throw new Error(JSON.stringify(task.error));
  const activity = await ctx.engine.activities.log(
    'lead',
    id,
    { type: 'call', body: `客户说预算 ${QUOTE} 元` },
    system,
  );
  if (!activity.ok) throw new Error(JSON.stringify(activity.error));
  await ctx.engine.activities.log('lead', id, { type: 'call', body: '约了 3 月 14 日' }, system);
  return { id, taskId: task.task.id, rendered };
}

describe('the engine redaction', () => {
  it('is on by default: createEngine follows the roles of the spec it runs, across publishes', async () => {
    const store = await openStore({ url: ':memory:' });
    const closed: AppSpec = { ...spec, roles: [{ ...spec.roles![0]!, entities: {} }] };
    expect((await store.specs.publish({ spec: closed, now: 1 })).ok).toBe(true);
    const engine = createEngine({ store });
    const lead = await engine.records.create('lead', { name: '李四' }, system);
    if (!lead.ok) throw new Error('lead');
    const read = () => engine.records.get('lead', String(lead.record.id), { actor: advisor });
    expect(await read()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(engine.permissions.can(advisor, 'read', 'lead')).toBe(false);
    expect((await store.specs.publish({ spec, now: 2 })).ok).toBe(true);
    expect(await read()).toMatchObject({ ok: true, record: { name: '李四' } });
    // budgetYuan is computed from budget: hidden with it.
    expect(engine.permissions.hiddenFields(advisor, 'lead')).toEqual(['budget', 'budgetYuan']);
    await store.close();
  });

  it('keeps ids and times intact and masks exactly the quoted hidden value, with 314 and "," as values', async () => {
    const { id, rendered } = await seed();
    const opts = { actor: advisor };
    const adv = await ctx.engine.records.get('lead', id, opts);
    expect(adv.ok && adv.record).toMatchObject({ id, createdAt: AT, updatedAt: AT });
    expect(adv.ok && 'budget' in adv.record).toBe(false);

    const tasks = await ctx.engine.tasks.list({ recordId: id }, opts);
    expect(tasks.ok && tasks.tasks[0]).toMatchObject({
      id: expect.any(String),
      createdAt: AT,
      title: `报价 ${MASK} 元，备注 ${NOTES}，张三`,
      source: { kind: 'automation' },
    });
    expect(JSON.stringify(tasks)).not.toContain(TEXT_SPANS_KEY);
    const mkt = await ctx.engine.tasks.list({ recordId: id }, { actor: marketing });
    expect(mkt.ok && mkt.tasks[0]?.title).toBe(`报价 ${QUOTE} 元，备注 ${MASK}，张三`);
    expect(rendered.text).toBe(`报价 ${QUOTE} 元，备注 ${NOTES}，张三`);

    // Typed text: withheld whole when it quotes the hidden value, else shown as written.
    const acts = await ctx.engine.activities.list('lead', id, opts);
    expect(acts.ok && acts.activities.map((a) => [a.body, a.occurredAt])).toEqual([
      ['约了 3 月 14 日', AT],
      [MASK, AT],
    ]);

    const timeline = await ctx.engine.timeline('lead', id, opts);
    if (!timeline.ok) throw new Error('timeline');
    const text = JSON.stringify(timeline.entries);
    expect(text).not.toContain('budget');
    expect(timeline.entries.every((e) => e.at === AT)).toBe(true);
    const created = timeline.entries.find((e) => e.kind === 'created');
    expect(created && 'changes' in created && created.changes.map((c) => c.field)).toContain(
      'notes',
    );
    const forMarketing = await ctx.engine.timeline('lead', id, { actor: marketing });
    expect(forMarketing.ok && JSON.stringify(forMarketing.entries)).not.toContain('"notes"');
    expect(forMarketing.ok && JSON.stringify(forMarketing.entries)).toContain(String(QUOTE));
  });

  it('redacts notifications on their data: spans when rendered, whole texts otherwise, keys by name', async () => {
    const { id, rendered } = await seed();
    const withSpans = await ctx.engine.redact.notification(advisor, {
      title: rendered.text,
      body: null,
      entity: 'lead',
      recordId: id,
      payload: { event: `e-${QUOTE}`, at: AT, [TEXT_SPANS_KEY]: { title: rendered.spans } },
    });
    expect(withSpans).toEqual({
      title: `报价 ${MASK} 元，备注 ${NOTES}，张三`,
      body: null,
      entity: 'lead',
      recordId: id,
      payload: { event: `e-${QUOTE}`, at: AT },
    });
    const typed = await ctx.engine.redact.notification(marketing, {
      title: `备注是 ${NOTES}`,
      body: 'nothing hidden here',
      entity: 'lead',
      recordId: id,
      payload: { notes: NOTES, nested: { notes: 1, keep: 2 } },
    });
    expect(typed).toEqual({
      title: MASK,
      body: 'nothing hidden here',
      entity: 'lead',
      recordId: id,
      payload: { nested: { keep: 2 } },
    });
  });

  it('drops validation errors about hidden fields but keeps the unknown-field echo', async () => {
    const { id } = await seed();
    const res = await ctx.engine.records.update(
      'lead',
      id,
      { budget: 1, name: '' },
      { actor: advisor, locale: 'en' },
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/budget', 'unknown_field'],
      ['/name', 'required'],
    ]);
  });
});

describe('maskSpans', () => {
  it('masks the spans of hidden fields only and leaves everything around them', () => {
    const text = 'a 314 b "," c';
    const spans: [number, number, string][] = [
      [2, 5, 'quote'],
      [8, 11, 'notes'],
    ];
    expect(maskSpans(text, spans, new Set(['notes']))).toBe(`a 314 b ${MASK} c`);
    expect(maskSpans(text, spans, new Set(['quote', 'notes']))).toBe(`a ${MASK} b ${MASK} c`);
    expect(maskSpans(text, [[2, 99, 'quote']], new Set(['quote']))).toBe(text);
  });

  it('renders spans that stay right after trimming and NFC', () => {
    const r = renderMessageSpans(
      '  {{name}} e\u0301 {{notes}} ',
      { name: 'A', notes: NOTES },
      'en',
    );
    expect(r.text).toBe(`A \u00e9 ${NOTES}`);
    expect(r.spans.map(([s, e, f]) => [r.text.slice(s, e), f])).toEqual([
      ['A', 'name'],
      [NOTES, 'notes'],
    ]);
  });
});
