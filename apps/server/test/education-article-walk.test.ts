import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAutomations, createManualClock } from '@trellis/engine';
import { rows } from './rows';
import { fullStack } from './stack';

// Seed article 000 as one school lives it, through the HTTP API of the education template:
// a Douyin ad brings a lead with its UTM parameters, routing gives it to the Python team's rep
// (another lead goes by city), 48 hours without contact remind the rep and copy the supervisor,
// the rep books a trial class, the logged class moves the lead on and tells its course advisor,
// a quote with its PDF closes the sale (a student record follows), and a lost lead says why.
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 1); // a Monday, 09:00 in Shanghai
const dir = mkdtempSync(join(tmpdir(), 'trellis-article-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Lead = Record<string, unknown> & { id: string; version: number };
type Note = { kind: string; title: string; body: string | null; recordId: string | null };

describe('the first article, walked through the API', () => {
  it('takes a Douyin lead from the ad to enrolment, and a lost one to its reason', async () => {
    const clock = createManualClock(T0);
    const s = await fullStack({ clock, filesDir: dir });
    const automations = createAutomations(s.engine);
    const supervisor = await s.signIn('wang.lei', 'supervisor', ['tech']);
    const rep = await s.signIn('li.na', 'sales', ['tech'], supervisor.id);
    const hzRep = await s.signIn('wu.hao', 'sales', ['hangzhou'], supervisor.id);
    const advisor = await s.signIn('ma.li', 'advisor', ['advisors']);
    const otherAdvisor = await s.signIn('zhou.yu', 'advisor', ['advisors']);
    const as = (who: { cookie: string }) => ({
      get: async (path: string) => s.request(path, { cookie: who.cookie }),
      send: async (method: string, path: string, json: unknown) =>
        s.request(path, { method, cookie: who.cookie, json }),
    });
    const lead = async (id: string): Promise<Lead> => {
      const res = await as(rep).get(`/api/v1/records/lead/${id}`);
      expect(res.status).toBe(200);
      return (await res.json()) as Lead;
    };
    const notes = async (who: { cookie: string }, recordId: string): Promise<Note[]> => {
      const res = await as(who).get('/api/v1/notifications?limit=100');
      const items = ((await res.json()) as { items: Note[] }).items;
      return items.filter((n) => n.recordId === recordId);
    };

    // 1. The Douyin landing page, reached through an ad link carrying its UTM parameters.
    const ad =
      '/f/dy?utm_source=douyin&utm_medium=cpc&utm_campaign=dy_2026_spring_python&utm_content=video_12';
    const submitted = await s.request(ad, {
      method: 'POST',
      json: { name: '王小明', phone: '138 0013 8000', course: 'python' },
    });
    expect(submitted.status).toBe(201);
    const [row] = await rows(s.store, 'e_lead', { name: '王小明' });
    const id = String(row!.id);
    expect(row).toMatchObject({
      phone: '+8613800138000',
      source: 'douyin',
      campaignCode: 'dy_2026_spring_python',
    });
    // A/B through utm_content: the touch keeps which video brought the lead.
    expect(await rows(s.store, 'touches', { record_id: id })).toMatchObject([
      {
        kind: 'form',
        utm_source: 'douyin',
        utm_campaign: 'dy_2026_spring_python',
        utm_content: 'video_12',
      },
    ]);
    // Another prospect, for a Java course in Hangzhou, through the website form.
    expect(
      (
        await s.request('/f/apply', {
          method: 'POST',
          json: { name: '赵小红', phone: '13900139000', course: 'java', city: '330100' },
        })
      ).status,
    ).toBe(201);
    const hzId = String((await rows(s.store, 'e_lead', { name: '赵小红' }))[0]!.id);

    // 2. Routing: Python goes to the tech team's rep (not its supervisor), Java in Hangzhou by city.
    await automations.drain();
    expect(await lead(id)).toMatchObject({ ownerId: rep.id, teamId: 'tech', stage: 'new' });
    const hz = await as(hzRep).get(`/api/v1/records/lead/${hzId}`);
    expect(await hz.json()).toMatchObject({ ownerId: hzRep.id, teamId: 'hangzhou' });
    // Arriving is not being contacted; the first-contact task waits in the rep's list.
    expect((await lead(id)).firstContactAt ?? null).toBeNull();
    const tasks = (await (await as(rep).get('/api/v1/tasks?status=open')).json()) as {
      items: { title: string; recordId: string }[];
    };
    expect(tasks.items.filter((t) => t.recordId === id)).toHaveLength(1);

    // 3. 48 hours without contact: the owner is reminded and the supervisor copied, once.
    clock.advance(47 * HOUR);
    expect((await automations.tick()).breaches).toBe(0);
    clock.advance(2 * HOUR);
    expect((await automations.tick()).breaches).toBe(2);
    await automations.drain();
    for (const who of [rep, supervisor])
      expect(await notes(who, id)).toMatchObject([
        {
          kind: 'automation',
          title: '线索超时未跟进',
          body: '王小明 已超过 48 小时没有跟进记录，请尽快联系。',
        },
      ]);
    expect(await notes(hzRep, id)).toEqual([]);

    // 4. The rep calls, qualifies the lead and books a trial class with a course advisor.
    const call = await as(rep).send('POST', `/api/v1/records/lead/${id}/activities`, {
      type: 'call',
      body: '已沟通，想学 Python 做数据分析',
    });
    expect(call.status).toBe(201);
    await automations.drain();
    expect((await lead(id)).firstContactAt).toBe(clock.now());
    const early = await as(rep).send('POST', `/api/v1/records/lead/${id}/stage`, {
      stage: 'qualified',
    });
    expect(early.status).toBe(422);
    expect(
      ((await early.json()) as { errors: { path: string }[] }).errors.map((e) => e.path),
    ).toEqual(['/budgetRange', '/decisionCycle']);
    expect(
      (
        await as(rep).send('POST', `/api/v1/records/lead/${id}/stage`, {
          stage: 'qualified',
          values: { budgetRange: 'from5kTo10k', decisionCycle: 'withinMonth' },
        })
      ).status,
    ).toBe(200);
    const patched = await as(rep).send('PATCH', `/api/v1/records/lead/${id}`, {
      version: (await lead(id)).version,
      courseAdvisor: advisor.id,
    });
    expect(patched.status).toBe(200);
    const trialAt = clock.now() + 24 * HOUR;
    expect(
      (
        await as(rep).send('POST', `/api/v1/records/lead/${id}/stage`, {
          stage: 'trial',
          values: { trialAt },
        })
      ).status,
    ).toBe(200);
    // Without the trial class the lead cannot skip to the quote.
    const skip = await as(rep).send('POST', `/api/v1/records/lead/${id}/stage`, {
      stage: 'quoted',
    });
    expect(skip.status).toBe(422);

    // 5. The trial class is logged: the lead moves to the quote and its own advisor is told.
    clock.advance(24 * HOUR);
    expect(
      (
        await as(rep).send('POST', `/api/v1/records/lead/${id}/activities`, {
          type: 'trial-class',
          body: '试听 Python 入门，反馈很好',
        })
      ).status,
    ).toBe(201);
    await automations.drain();
    expect((await lead(id)).stage).toBe('quoted');
    expect(await notes(advisor, id)).toMatchObject([
      {
        title: '请准备试听反馈',
        body: '王小明 已完成 Python编程 试听，请准备个性化反馈并与负责人沟通。',
      },
    ]);
    expect(await notes(otherAdvisor, id)).toEqual([]);

    // 6. The quote goes out with its PDF; the lead is won and becomes a student.
    const noQuote = await as(rep).send('POST', `/api/v1/records/lead/${id}/stage`, {
      stage: 'won',
      values: { quotedAmount: 1_280_000 },
    });
    expect(noQuote.status).toBe(422);
    const form = new FormData();
    form.append('file', new File(['%PDF-1.4 quote'], '报价单.pdf', { type: 'application/pdf' }));
    const up = await s.request('/api/v1/files', { method: 'POST', cookie: rep.cookie, body: form });
    expect(up.status).toBe(201);
    const quote = await as(rep).send('POST', `/api/v1/records/lead/${id}/activities`, {
      type: 'quote',
      body: '报价 12,800 元',
      attachments: [await up.json()],
    });
    expect(quote.status).toBe(201);
    const won = await as(rep).send('POST', `/api/v1/records/lead/${id}/stage`, {
      stage: 'won',
      values: { quotedAmount: 1_280_000 },
    });
    expect(won.status).toBe(200);
    await automations.drain();
    expect(await lead(id)).toMatchObject({ stage: 'won', quotedAmount: 1_280_000 });
    expect(await rows(s.store, 'e_student', { lead: id })).toMatchObject([
      { name: '王小明', phone: '+8613800138000', course: 'python', advisor: advisor.id },
    ]);
    expect(
      (await s.store.transitions.listFor('lead', id)).map((t) => [t.fromStage, t.toStage]),
    ).toEqual([
      [null, 'new'],
      ['new', 'qualified'],
      ['qualified', 'trial'],
      ['trial', 'quoted'],
      ['quoted', 'won'],
    ]);

    // 7. The Hangzhou lead is lost: not without a reason, and "other" needs the details.
    const lose = (values?: Record<string, unknown>) =>
      as(hzRep).send('POST', `/api/v1/records/lead/${hzId}/stage`, {
        stage: 'lost',
        ...(values ? { values } : {}),
      });
    const bare = await lose();
    expect(bare.status).toBe(422);
    expect(((await bare.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      '/lossReason',
    );
    const other = await lose({ lossReason: 'other' });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe(
      '/lossNote',
    );
    expect((await lose({ lossReason: 'price' })).status).toBe(200);
    expect(await rows(s.store, 'e_lead', { id: hzId })).toMatchObject([
      { stage: 'lost', lossReason: 'price' },
    ]);
  });
});
