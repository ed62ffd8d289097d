import { describe, expect, it } from 'vitest';
import { createAutomations, createManualClock } from '@trellis/engine';
import type { AppSpec } from '@trellis/spec';
import { eventsSince } from '../src/routes/events';
import { fullStack } from './stack';

// The values that broke masking on serialized text: a hidden amount that also appears inside
// every timestamp of the record, and a hidden note that is a piece of JSON syntax.
const QUOTE = 314;
const NOTES = '","';
const T0 = Date.UTC(2026, 2, 1, 2, 0, 0) + 314;

/** The education spec plus an automation quoting both hidden fields, and export/recycle-bin rights for the readers. */
function withQuotingAutomation(spec: AppSpec): AppSpec {
  const roles = spec.roles!.map((r) =>
    r.key === 'advisor' || r.key === 'marketing'
      ? {
          ...r,
          capabilities: [...(r.capabilities ?? []), 'export' as const],
          entities: { ...r.entities, lead: { ...r.entities.lead!, delete: 'all' as const } },
        }
      : r,
  );
  const quoting = {
    key: 'quote-alert',
    label: { 'zh-CN': '报价提醒', en: 'Quote alert' },
    on: { type: 'record.created' as const, entity: 'lead' },
    do: [
      {
        type: 'notify' as const,
        channel: 'inApp' as const,
        to: ['role:advisor', 'role:marketing'],
        subject: { 'zh-CN': '报价 {{quotedAmount}} 元', en: 'Quote {{quotedAmount}}' },
        message: { 'zh-CN': '备注 {{notes}}；{{name}}', en: 'Notes {{notes}}; {{name}}' },
      },
      {
        type: 'createTask' as const,
        title: { 'zh-CN': '报价 {{quotedAmount}} 元，备注 {{notes}}', en: 'Q {{quotedAmount}}' },
        assignee: 'role:advisor',
        dueIn: '1h',
      },
    ],
  };
  return { ...spec, roles, automations: [...(spec.automations ?? []), quoting] as never };
}

type Leaf = { key: string; value: unknown };
function leaves(value: unknown, key = '', out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) value.forEach((v) => leaves(v, key, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) leaves(v, k, out);
  else out.push({ key, value });
  return out;
}
const isId = (k: string) => k === 'id' || k.endsWith('Id');
const isTime = (k: string) => k === 'at' || (k.endsWith('At') && k !== 'deletedAt');

describe('redaction on data, with a hidden 314 inside every timestamp and a hidden note ","', () => {
  it('answers every surface 200 with ids and times intact and the hidden values masked', async () => {
    const clock = createManualClock(T0);
    const s = await fullStack({ clock }, withQuotingAutomation);
    const admin = await s.signIn('boss', 'admin');
    const readers = {
      advisor: { ...(await s.signIn('adv', 'advisor', ['advisors'])), field: 'quotedAmount' },
      marketing: { ...(await s.signIn('mkt', 'marketing', ['marketing'])), field: 'notes' },
    };
    const sys = { actor: { kind: 'system' as const }, via: 'import' as const };
    const lead = await s.engine.records.create(
      'lead',
      { name: '引号测试', phone: '+8613700000314', source: 'website', quotedAmount: QUOTE },
      sys,
    );
    if (!lead.ok) throw new Error(JSON.stringify(lead.error));
    const id = String(lead.record.id);
    clock.advance(1000);
    expect((await s.engine.records.update('lead', id, { notes: NOTES }, sys)).ok).toBe(true);
    await createAutomations(s.engine).drain();
    expect(
      (await s.engine.activities.log('lead', id, { type: 'call', body: '3 月 14 日回电' }, sys)).ok,
    ).toBe(true);
    // A typed note that quotes the hidden amount: withheld whole from the advisor.
    expect(
      (await s.engine.activities.log('lead', id, { type: 'call', body: `报价 ${QUOTE} 已发` }, sys))
        .ok,
    ).toBe(true);
    const removed = await s.engine.records.create(
      'lead',
      { name: '回收站', phone: '+8613700001314', source: 'website', quotedAmount: QUOTE },
      sys,
    );
    if (!removed.ok) throw new Error('removed');
    expect((await s.engine.records.remove('lead', String(removed.record.id), sys)).ok).toBe(true);

    const surfaces = [
      '/api/v1/records/lead?limit=50',
      `/api/v1/records/lead/${id}`,
      `/api/v1/search?q=${encodeURIComponent('引号测试')}`,
      `/api/v1/records/lead/${id}/timeline`,
      `/api/v1/records/lead/${id}/history`,
      `/api/v1/records/lead/${id}/activities`,
      '/api/v1/records/lead/deleted',
      '/api/v1/tasks',
      '/api/v1/notifications',
      '/api/v1/records/lead/export?format=json',
    ];
    const read = async (cookie: string, path: string) => {
      const res = await s.request(path, { cookie });
      expect(res.status, path).toBe(200);
      return (await res.json()) as unknown;
    };
    let checked = 0;
    for (const [who, r] of Object.entries(readers)) {
      const hiddenText = who === 'advisor' ? `报价 ${QUOTE}` : `备注 ${NOTES}`;
      const bodies: [string, unknown, unknown][] = [];
      // What an unrestricted reader gets of the same items (tasks and notifications are per person).
      const notificationRows = (
        (await s.store.notifications.page(r.id, {}, { limit: 200 }))?.items ?? []
      ).map((n) => ({ id: n.id, entity: n.entity, recordId: n.recordId, createdAt: n.createdAt }));
      const full = async (path: string) =>
        path === '/api/v1/tasks'
          ? read(admin.cookie, `/api/v1/tasks?assignee=${r.id}`)
          : path === '/api/v1/notifications'
            ? notificationRows
            : read(admin.cookie, path);
      for (const path of surfaces)
        bodies.push([path, await read(r.cookie, path), await full(path)]);
      const me = await s.app.ctx.users.current((await s.app.ctx.users.byId(r.id))!);
      const actor = { kind: 'user' as const, userId: me.id, role: me.role, teams: me.teams };
      bodies.push([
        'events',
        await eventsSince(s.app.ctx, actor, { after: null, notification: null }),
        [
          await eventsSince(
            s.app.ctx,
            { kind: 'user', userId: admin.id, role: 'admin' },
            { after: null, notification: null },
          ),
          notificationRows,
        ],
      ]);
      for (const [path, body, full] of bodies) {
        const mine = leaves(body);
        const all = leaves(full);
        // The hidden field never appears, by key or as a field named in a change.
        expect(
          mine.filter((l) => l.key === r.field || (l.key === 'field' && l.value === r.field)),
          `${who} ${path}`,
        ).toEqual([]);
        // Texts rendered from it are masked where it was quoted, nowhere else.
        expect(
          mine.filter((l) => typeof l.value === 'string' && l.value.includes(hiddenText)),
          `${who} ${path}`,
        ).toEqual([]);
        // Ids and times are exactly those the unrestricted reader gets: numbers, not garbled.
        const allIds = new Set(all.filter((l) => isId(l.key)).map((l) => l.value));
        const allTimes = new Set(all.filter((l) => isTime(l.key)).map((l) => l.value));
        for (const l of mine) {
          if (isId(l.key)) expect(allIds.has(l.value), `${who} ${path} ${l.key}`).toBe(true);
          if (isTime(l.key) && l.value !== null)
            expect(allTimes.has(l.value), `${who} ${path} ${l.key}=${String(l.value)}`).toBe(true);
        }
        checked++;
      }
      // What each reader is shown where the hidden value was quoted.
      const tasks = (await read(r.cookie, '/api/v1/tasks')) as { items: { title: string }[] };
      const notes = (await read(r.cookie, '/api/v1/notifications')) as {
        items: { title: string; body: string; createdAt: number }[];
      };
      const note = notes.items.find((n) => n.title.startsWith('报价'));
      if (who === 'advisor') {
        expect(tasks.items.map((t) => t.title)).toContain(`报价 ••• 元，备注 ${NOTES}`);
        expect(note).toMatchObject({ title: '报价 ••• 元', body: `备注 ${NOTES}；引号测试` });
        const acts = (await read(r.cookie, `/api/v1/records/lead/${id}/activities`)) as {
          items: { body: string }[];
        };
        expect(acts.items.map((a) => a.body)).toEqual(['•••', '3 月 14 日回电']);
      } else {
        expect(note).toMatchObject({ title: `报价 ${QUOTE} 元`, body: '备注 •••；引号测试' });
      }
      expect(note?.createdAt).toBe(T0 + 1000);
    }
    expect(checked).toBe(2 * (surfaces.length + 1));
    // The export as CSV too: the hidden column is absent, nothing garbled.
    const csv = await s.request('/api/v1/records/lead/export?format=csv', {
      cookie: readers.advisor.cookie,
    });
    expect(csv.status).toBe(200);
    const head = (await csv.text()).split('\r\n')[0]!;
    // Columns are named by label in the reader's language (an import maps them back).
    expect(head).toContain('"备注"');
    expect(head).not.toContain('报价金额');
  });
});
