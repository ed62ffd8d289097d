import { createAutomations } from '@trellis/engine';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { count, pick, rows } from './rows';
import { fullStack } from './stack';

type Stack = Awaited<ReturnType<typeof fullStack>>;

describe('public form intake POST /f/:form', () => {
  it('creates a lead from JSON and captures UTM parameters, referrer and landing URL as a touch', async () => {
    const s = await fullStack();
    const res = await s.request('/f/apply?utm_source=douyin&utm_campaign=spring', {
      method: 'POST',
      json: {
        name: '张三',
        phone: '138 0013 8000',
        course: 'python',
        utm_medium: 'cpc',
        referrer: 'https://www.douyin.com/',
      },
      headers: { referer: 'https://edu.example.cn/landing?utm_content=video_21' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ok: true });
    const [lead] = await rows(s.store, 'e_lead');
    if (!lead) throw new Error('no lead');
    // The visitor came through utm_source=douyin: a Douyin lead, although the website form's
    // default source is the website (captureInto utm_source -> source beats the default).
    expect(lead).toMatchObject({ phone: '+8613800138000', source: 'douyin' });
    const [touch] = await rows(s.store, 'touches', { record_id: lead.id });
    expect(touch).toMatchObject({
      kind: 'form',
      source_key: 'trial-apply',
      utm_source: 'douyin',
      utm_medium: 'cpc',
      utm_campaign: 'spring',
      utm_content: 'video_21',
      referrer: 'https://www.douyin.com/',
      landing_url: 'https://edu.example.cn/landing?utm_content=video_21',
    });
    expect(
      pick(await rows(s.store, 'intake_log', { kind: 'form' }), ['status', 'http_status']),
    ).toEqual([{ status: 'accepted', http_status: 201 }]);
  });

  it('accepts application/x-www-form-urlencoded posts', async () => {
    const s = await fullStack();
    const res = await s.request('/f/apply', {
      method: 'POST',
      body: 'name=%E6%9D%8E%E5%9B%9B&phone=13900139000&course=python',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(201);
    expect(pick(await rows(s.store, 'e_lead'), ['name', 'course'])).toEqual([
      { name: '李四', course: 'python' },
    ]);
  });

  it('merges a second submission of the same prospect: one record, two touches, one activity', async () => {
    const s = await fullStack();
    await s.request('/f/apply?utm_source=douyin', {
      method: 'POST',
      json: { name: '张三', phone: '13800138000' },
    });
    const second = await s.request('/f/dy?utm_source=wechat', {
      method: 'POST',
      json: { name: '张三', phone: '+86 138-0013-8000', course: 'python' },
    });
    expect(second.status).toBe(201);
    expect(await count(s.store, 'e_lead')).toBe(1);
    const [id] = await rows(s.store, 'e_lead');
    expect(id?.course).toBe('python');
    expect(await count(s.store, 'touches', { record_id: id?.id })).toBe(2);
    expect(await count(s.store, 'activities', { record_id: id?.id })).toBe(1);
    const log = (await rows(s.store, 'intake_log')).sort((a, b) => Number(a.at) - Number(b.at));
    expect(pick(log, ['status'])).toEqual([{ status: 'accepted' }, { status: 'merged' }]);
  });

  it('answers localized validation errors and writes nothing', async () => {
    const s = await fullStack();
    const zh = await s.request('/f/apply', { method: 'POST', json: { name: '张三', phone: '12' } });
    expect(zh.status).toBe(422);
    expect(zh.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await zh.json()) as { errors: { path: string; code: string; message: string }[] };
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: '/phone', code: 'invalid_phone' }),
    );
    expect(body.errors.find((e) => e.path === '/phone')?.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await s.request('/f/apply', {
      method: 'POST',
      json: { name: 'Zhang' },
      headers: { 'accept-language': 'en' },
    });
    const enBody = (await en.json()) as { errors: { path: string; message: string }[] };
    expect(enBody.errors.find((e) => e.path === '/phone')?.message).toMatch(/[A-Za-z]/);
    const unknown = await s.request('/f/apply', {
      method: 'POST',
      json: { name: 'x', phone: '13800138000', ownerId: 'me' },
    });
    expect(await unknown.json()).toMatchObject({
      status: 422,
      errors: [{ path: '/ownerId', code: 'unknown_field' }],
    });
    expect(await count(s.store, 'e_lead')).toBe(0);
    expect(await count(s.store, 'intake_log', { status: 'rejected' })).toBe(3);
  });

  it('drops honeypot submissions silently, answering like a success', async () => {
    const s = await fullStack();
    const res = await s.request('/f/apply', {
      method: 'POST',
      json: { name: 'bot', phone: '13800138000', _hp: 'http://spam' },
    });
    expect(res.status).toBe(201);
    expect(await count(s.store, 'e_lead')).toBe(0);
    const [entry] = await rows(s.store, 'intake_log');
    expect(JSON.parse(String(entry?.reasons))[0].code).toBe('honeypot');
  });

  it('replays an Idempotency-Key instead of submitting twice', async () => {
    const s = await fullStack();
    const post = () =>
      s.request('/f/apply', {
        method: 'POST',
        json: { name: '王五', phone: '13700137000' },
        headers: { 'idempotency-key': 'k-1' },
      });
    const first = await post();
    const again = await post();
    expect(again.status).toBe(first.status);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await count(s.store, 'touches')).toBe(1);
  });

  it('answers 422 naming the key when an Idempotency-Key comes back with another body (issue 11 item 9)', async () => {
    const s = await fullStack();
    const post = (name: string, phone: string, race = false) =>
      s.request('/f/apply', {
        method: 'POST',
        json: { name, phone },
        headers: { 'idempotency-key': race ? 'k-race' : 'k-2', 'accept-language': 'en' },
      });
    expect((await post('赵六', '13700137002')).status).toBe(201);
    const other = await post('钱七', '13700137003');
    expect(other.status).toBe(422);
    const body = (await other.json()) as {
      code: string;
      detail: string;
      errors: { path: string; code: string }[];
    };
    expect(body.code).toBe('idempotency_key_reused');
    expect(body.detail).toContain('"k-2"');
    expect(body.errors[0]).toMatchObject({ path: '/Idempotency-Key' });
    // The same body still replays the first answer; nothing of the second was written.
    const again = await post('赵六', '13700137002');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(s.store, 'touches')).toBe(1);
    // Twins racing with different bodies: one is written, the other is refused, not replayed.
    const [a, b] = await Promise.all([
      post('孙八', '13700137004', true),
      post('周九', '13700137005', true),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    expect(await count(s.store, 'touches')).toBe(2);
  });

  it('writes once when two requests with the same Idempotency-Key race', async () => {
    const s = await fullStack();
    const post = () =>
      s.request('/f/apply', {
        method: 'POST',
        json: { name: '并发', phone: '13700137001' },
        headers: { 'idempotency-key': 'race-1' },
      });
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')]).toContain(
      'true',
    );
    expect(await count(s.store, 'touches')).toBe(1);
    expect(await count(s.store, 'intake_log', { status: 'accepted' })).toBe(1);
  });

  it('rate-limits per IP and limits the body size', async () => {
    const s = await fullStack({ limits: { intakePerMinute: 2, intakeBodyBytes: 2000 } });
    const post = (ip: string, i: number) =>
      s.request('/f/apply', {
        method: 'POST',
        json: { name: 'x', phone: `1380013800${i}` },
        headers: { 'x-test-ip': ip },
      });
    expect((await post('1.1.1.1', 1)).status).toBe(201);
    expect((await post('1.1.1.1', 2)).status).toBe(201);
    const limited = await post('1.1.1.1', 3);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await post('2.2.2.2', 4)).status).toBe(201);
    const big = await s.request('/f/apply', {
      method: 'POST',
      json: { name: 'x'.repeat(5000), phone: '13800138009' },
      headers: { 'x-test-ip': '3.3.3.3' },
    });
    expect(big.status).toBe(413);
  });

  it('answers 404 for unknown and non-public forms', async () => {
    const s = await fullStack();
    expect((await s.request('/f/nope', { method: 'POST', json: {} })).status).toBe(404);
    expect((await s.request('/f/lead-edit', { method: 'POST', json: { name: 'x' } })).status).toBe(
      404,
    );
  });

  it('queues form.submitted in the same transaction, so automations run on it', async () => {
    const s = await fullStack();
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const automations = createAutomations(s.engine);
    const app = (await import('../src/app')).createApp({
      engine: s.engine,
      store: s.store,
      automations,
      log: () => {},
    });
    const res = await app.request('http://localhost/f/apply', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '赵六', phone: '13600136000', course: 'python' }),
    });
    expect(res.status).toBe(201);
    expect(await count(s.store, 'outbox', { type: 'form.submitted' })).toBe(1);
    await automations.drain();
    expect(await automations.pending()).toBe(0);
    expect(
      (await automations.runs({ automationKey: 'route-python' })).map((r) => r.status),
    ).toEqual(['succeeded']);
    expect(pick(await rows(s.store, 'e_lead'), ['owner_id', 'team_id'])).toEqual([
      { owner_id: rep.id, team_id: 'tech' },
    ]);
  });
});

describe('inbound webhooks POST /hooks/:source', () => {
  async function withSecret(s: Stack, source: string, secret: string) {
    const admin = await s.signIn('root', 'admin');
    const res = await s.request(`/api/v1/intake/webhooks/${source}/secret`, {
      method: 'PUT',
      cookie: admin.cookie,
      json: { secret },
    });
    expect(res.status).toBe(200);
    return admin;
  }
  const payload = {
    lead: { name: '抖音用户', telephone: '13500135000', weixin: 'dy_user' },
    ad: { campaign_code: 'dy_spring' },
  };

  it('maps a token-authenticated payload through the same write path', async () => {
    const s = await fullStack({ secretKey: Buffer.alloc(32, 7) });
    await withSecret(s, 'douyin', 'token-token-token-1');
    const res = await s.request('/hooks/douyin', {
      method: 'POST',
      json: payload,
      headers: { 'x-trellis-token': 'token-token-token-1' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ok: true, status: 'accepted' });
    expect(
      pick(await rows(s.store, 'e_lead'), ['name', 'phone', 'source', 'campaignCode']),
    ).toEqual([
      { name: '抖音用户', phone: '+8613500135000', source: 'douyin', campaignCode: 'dy_spring' },
    ]);
    const again = await s.request('/hooks/douyin', {
      method: 'POST',
      json: payload,
      headers: { 'x-trellis-token': 'token-token-token-1' },
    });
    expect(await again.json()).toMatchObject({ status: 'merged' });
  });

  it('refuses a bad token with 401 and logs it', async () => {
    const s = await fullStack({ secretKey: Buffer.alloc(32, 7) });
    await withSecret(s, 'douyin', 'token-token-token-1');
    const res = await s.request('/hooks/douyin', {
      method: 'POST',
      json: payload,
      headers: { 'x-trellis-token': 'wrong' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'bad_token' });
    expect(pick(await rows(s.store, 'intake_log'), ['status', 'http_status'])).toEqual([
      { status: 'unauthorized', http_status: 401 },
    ]);
    expect(await count(s.store, 'e_lead')).toBe(0);
  });

  it('checks HMAC signatures of the raw body', async () => {
    const s = await fullStack({ secretKey: Buffer.alloc(32, 7) });
    await withSecret(s, 'wechat-mp', 'hmac-secret-hmac-secret');
    const body = JSON.stringify({ name: '公众号用户', mobile: '13400134000' });
    const sig = createHmac('sha256', 'hmac-secret-hmac-secret').update(body).digest('hex');
    const ok = await s.request('/hooks/wechat-mp', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-signature': `sha256=${sig}` },
    });
    expect(ok.status).toBe(201);
    const bad = await s.request('/hooks/wechat-mp', {
      method: 'POST',
      body: body.replace('134', '133'),
      headers: { 'content-type': 'application/json', 'x-signature': sig },
    });
    expect(bad.status).toBe(401);
    // The secret is stored encrypted, never in clear.
    expect(JSON.stringify(await rows(s.store, 'webhook_secrets'))).not.toContain('hmac-secret');
  });

  it('answers 422 with reasons when the payload maps to nothing or to an invalid record, never an empty 200', async () => {
    const s = await fullStack({ secretKey: Buffer.alloc(32, 7) });
    const admin = await withSecret(s, 'douyin', 'token-token-token-1');
    const headers = { 'x-trellis-token': 'token-token-token-1' };
    const empty = await s.request('/hooks/douyin', {
      method: 'POST',
      json: { something: 'else' },
      headers,
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ code: 'mapping_empty' });
    const invalid = await s.request('/hooks/douyin', {
      method: 'POST',
      json: { lead: { name: 'x', telephone: 'not a phone' } },
      headers,
    });
    expect(invalid.status).toBe(422);
    expect(
      ((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path),
    ).toContain('/phone');
    await s.request('/hooks/douyin', { method: 'POST', json: payload, headers });
    const health = (await (
      await s.request('/api/v1/intake/sources', { cookie: admin.cookie })
    ).json()) as {
      items: {
        key: string;
        health: {
          lastSuccessAt: number | null;
          lastFailure: { reasons: unknown[] } | null;
          days: { accepted: number; rejected: number }[];
        };
      }[];
    };
    const douyin = health.items.find((i) => i.key === 'douyin')!;
    expect(douyin.health.lastSuccessAt).not.toBeNull();
    expect(douyin.health.lastFailure?.reasons.length).toBeGreaterThan(0);
    expect(douyin.health.days.at(-1)).toMatchObject({ accepted: 1, rejected: 2 });
  });
});
