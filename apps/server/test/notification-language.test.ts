import { describe, expect, it } from 'vitest';
import { createAutomations, createManualClock } from '@trellis/engine';
import type { AppSpec } from '@trellis/spec';
import { eventsSince } from '../src/routes/events';
import { fullStack } from './stack';

const T0 = Date.UTC(2026, 2, 1, 2, 0, 0);

/** The education spec with an automation whose notice and task quote a field the advisor may not see. */
function withQuotingAutomation(spec: AppSpec): AppSpec {
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
        title: { 'zh-CN': '报价 {{quotedAmount}} 元', en: 'Quote {{quotedAmount}} to send' },
        assignee: 'role:advisor',
        dueIn: '1h',
      },
    ],
  };
  return { ...spec, automations: [...(spec.automations ?? []), quoting] as never };
}

type Note = { title: string; body: string | null; payload: unknown };

/** A notification as text without its ids and times, which may hold any digits (a uuid, a clock). */
const textOf = (n: unknown) =>
  JSON.stringify(n, (key, value: unknown) => (/(^id|Id|At|^at)$/.test(key) ? undefined : value));

describe('notifications and tasks are read in the language of their reader', () => {
  it('shows each reader the language they read in now, whatever it was at send time, masked the same', async () => {
    const clock = createManualClock(T0);
    const s = await fullStack({ clock }, withQuotingAutomation);
    // The advisor may not see the quoted amount; the marketing user may not see the notes.
    const adv = await s.signIn('adv', 'advisor', ['advisors']);
    const mkt = await s.signIn('mkt', 'marketing', ['marketing']);
    // At send time the advisor reads Chinese and the marketing user English.
    const setLocale = async (cookie: string, locale: string) =>
      expect(
        (await s.request('/api/v1/me', { method: 'PATCH', cookie, json: { locale } })).status,
      ).toBe(200);
    await setLocale(adv.cookie, 'zh-CN');
    await setLocale(mkt.cookie, 'en');
    const sys = { actor: { kind: 'system' as const }, via: 'import' as const };
    const lead = await s.engine.records.create(
      'lead',
      { name: '王五', phone: '+8613700000777', source: 'website', quotedAmount: 777, notes: '急' },
      sys,
    );
    if (!lead.ok) throw new Error(JSON.stringify(lead.error));
    await createAutomations(s.engine).drain();

    const read = async <T>(cookie: string, path: string, language: string): Promise<T> => {
      const res = await s.request(path, { cookie, headers: { 'accept-language': language } });
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const notice = async (cookie: string, language: string) => {
      const page = await read<{ items: Note[] }>(cookie, '/api/v1/notifications', language);
      const mine = page.items.filter((n) => (n.payload as { automation?: string })?.automation);
      expect(mine).toHaveLength(1);
      return mine[0]!;
    };
    const taskTitles = async (cookie: string, language: string) =>
      (await read<{ items: { title: string }[] }>(cookie, '/api/v1/tasks', language)).items.map(
        (t) => t.title,
      );

    // Stored in Chinese for the advisor; read in English it is English, the amount still masked.
    expect(await notice(adv.cookie, 'en')).toMatchObject({
      title: 'Quote •••',
      body: 'Notes 急; 王五',
    });
    expect(await notice(adv.cookie, 'zh-CN')).toMatchObject({
      title: '报价 ••• 元',
      body: '备注 急；王五',
    });
    expect(await taskTitles(adv.cookie, 'en')).toEqual(['Quote ••• to send']);
    expect(await taskTitles(adv.cookie, 'zh-CN')).toEqual(['报价 ••• 元']);
    // And the reverse: stored in English, read in Chinese; the notes masked in both.
    expect(await notice(mkt.cookie, 'zh-CN')).toMatchObject({
      title: '报价 777 元',
      body: '备注 •••；王五',
    });
    expect(await notice(mkt.cookie, 'en')).toMatchObject({
      title: 'Quote 777',
      body: 'Notes •••; 王五',
    });
    // No reader gets the other language's texts or the spans that name the hidden fields.
    const raw = textOf(await notice(adv.cookie, 'en'));
    expect(raw).not.toContain('777');
    expect(raw).not.toContain('报价');
    expect(raw).not.toContain('quotedAmount');

    // The live stream renders for the stream's reader the same way.
    const me = (await s.app.ctx.users.byId(adv.id))!;
    const stream = await eventsSince(
      s.app.ctx,
      { kind: 'user', userId: adv.id, role: me.role, teams: ['advisors'], locale: 'en' },
      { after: null, notification: null },
    );
    const live = stream.filter((e) => e.event === 'notification').map((e) => e.data as Note);
    expect(live.map((n) => n.title)).toContain('Quote •••');
    expect(textOf(live)).not.toContain('777');

    // A row written before texts were kept shows as it was stored, in either language.
    await s.store.notifications.insert({
      id: 'old-note',
      userId: adv.id,
      kind: 'automation',
      title: '旧的提醒',
      body: null,
      entity: null,
      recordId: null,
      payload: { automation: 'old' },
      createdAt: T0 + 1,
    });
    const page = await read<{ items: Note[] }>(adv.cookie, '/api/v1/notifications', 'en');
    expect(page.items.map((n) => n.title)).toContain('旧的提醒');
    // ~4 s alone (two sign-ins, the automation's run, nine reads): 6× for the suite's load.
  }, 30_000);

  it('keeps no texts in other languages that a person wrote into a task they created', async () => {
    const s = await fullStack({}, (spec) => spec);
    const adv = await s.signIn('adv', 'advisor', ['advisors']);
    const res = await s.request('/api/v1/tasks', {
      method: 'POST',
      cookie: adv.cookie,
      json: { title: '回电', source: { texts: { en: { title: 'something else' } } } },
    });
    expect(res.status).toBe(201);
    const read = await s.request('/api/v1/tasks', {
      cookie: adv.cookie,
      headers: { 'accept-language': 'en' },
    });
    const items = ((await read.json()) as { items: { title: string; source: unknown }[] }).items;
    expect(items.map((t) => t.title)).toEqual(['回电']);
    expect(JSON.stringify(items)).not.toContain('something else');
  });
});
