import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSmtpMailer,
  verifyWebhook,
  type HttpRequest,
  type HttpResponse,
} from '../../src/index';
import { setupAutomations, specWith, type Harness, createLead } from './support/harness';
import { pick, sortBy } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const label = { 'zh-CN': '新线索提醒', en: 'New lead alert' };
const onCreate = (key: string, actions: unknown[]) => ({
  key,
  label,
  on: { type: 'record.created', entity: 'lead' },
  do: actions,
});

/** A scripted HTTP port: answers each request with the next status (or hangs / throws), and records requests. */
function fakeHttp(script: (number | 'hang' | 'throw')[]) {
  const requests: HttpRequest[] = [];
  const http = (req: HttpRequest): Promise<HttpResponse> => {
    requests.push(req);
    const next = script.shift() ?? 200;
    if (next === 'hang') return new Promise(() => {});
    if (next === 'throw') return Promise.reject(new Error('ECONNREFUSED'));
    return Promise.resolve({ status: next, headers: {}, body: next === 200 ? 'ok' : 'nope' });
  };
  return { http, requests };
}
function lead(values: Record<string, unknown> = {}) {
  return createLead(h, { name: '张三', source: 'douyin', ...values });
}
const deliveries = async () =>
  pick(await h.rows('webhook_deliveries'), ['status', 'attempts', 'last_error', 'next_attempt_at']);

describe('outbound deliveries', () => {
  it('notify posts a WeCom group robot text message mentioning the owner', async () => {
    const f = fakeHttp([200]);
    h = await setupAutomations({
      engine: { http: f.http },
      spec: specWith([
        onCreate('wecom', [
          { type: 'assign', strategy: 'user', user: 'zhang.wei' },
          {
            type: 'notify',
            channel: 'webhook',
            url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
            format: 'wecom',
            to: ['owner'],
            message: '新线索：{{name}}（{{source}}）',
          },
        ]),
      ]),
    });
    await lead();
    await h.automations.drain();
    expect(f.requests).toHaveLength(0); // nothing leaves inside the transaction
    const report = await h.automations.deliver();
    expect(report.webhooks).toEqual({ delivered: 1, retried: 0, dead: 0 });
    expect(f.requests[0]?.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K');
    expect(JSON.parse(f.requests[0]?.body ?? '')).toEqual({
      msgtype: 'text',
      text: {
        content: '新线索提醒\n新线索：张三（抖音）',
        mentioned_mobile_list: ['13800000001'],
      },
    });
    expect((await deliveries())[0]?.status).toBe('delivered');
  });

  it('notify posts a DingTalk robot message', async () => {
    const f = fakeHttp([200]);
    h = await setupAutomations({
      engine: { http: f.http },
      spec: specWith([
        onCreate('ding', [
          {
            type: 'notify',
            channel: 'webhook',
            url: 'https://oapi.dingtalk.com/robot/send?access_token=T',
            format: 'dingtalk',
            message: '{{name}}',
          },
        ]),
      ]),
    });
    await lead();
    await h.automations.drain();
    await h.automations.deliver();
    expect(JSON.parse(f.requests[0]?.body ?? '')).toEqual({
      msgtype: 'text',
      text: { content: '新线索提醒\n张三' },
      at: { atMobiles: [], isAtAll: false },
    });
  });

  it('signs each attempt to a DingTalk robot with signing (加签) as URL parameters; an unknown secret fails the action', async () => {
    const f = fakeHttp([500, 200]);
    const robot = (secretRef: string) => ({
      type: 'notify',
      channel: 'webhook',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=T',
      format: 'dingtalk',
      secretRef,
      message: '{{name}}',
    });
    h = await setupAutomations({
      engine: { http: f.http },
      secrets: { 'ding-sec': 'SEC0001' },
      spec: specWith([
        onCreate('ding', [robot('ding-sec')]),
        onCreate('ding-missing', [robot('no-such-secret')]),
      ]),
    });
    await lead();
    await h.automations.drain();
    const runs = sortBy(await h.rows('automation_runs'), 'automation_key');
    expect(runs.map((r) => [r.automation_key, r.status])).toEqual([
      ['ding', 'succeeded'],
      ['ding-missing', 'failed'],
    ]);
    expect(runs[1]?.actions).toContain('webhook.unknownSecret');
    await h.automations.deliver();
    h.clock.advance(60_000);
    await h.automations.deliver();
    expect(f.requests).toHaveLength(2);
    for (const req of f.requests) {
      const url = new URL(req.url);
      const ts = url.searchParams.get('timestamp');
      expect(url.searchParams.get('access_token')).toBe('T');
      expect(url.searchParams.get('sign')).toBe(
        createHmac('sha256', 'SEC0001').update(`${ts}\nSEC0001`).digest('base64'),
      );
      expect(req.headers?.['x-trellis-signature']).toBeUndefined();
    }
    // Signed afresh: the retry carries the time of its own attempt.
    expect(new URL(f.requests[1]!.url).searchParams.get('timestamp')).not.toBe(
      new URL(f.requests[0]!.url).searchParams.get('timestamp'),
    );
    expect((await deliveries())[0]?.status).toBe('delivered');
  });

  it('callWebhook signs each attempt, retries with backoff and dead-letters after the last retry', async () => {
    const f = fakeHttp([500, 'throw', 503]);
    h = await setupAutomations({
      engine: { http: f.http },
      secrets: { erp: 'top-secret' },
      spec: specWith([
        onCreate('erp', [
          {
            type: 'callWebhook',
            url: 'https://erp.example.com/leads',
            secretRef: 'erp',
            retries: 2,
            body: { name: { var: 'name' }, src: { var: 'source' } },
          },
        ]),
      ]),
    });
    await lead();
    await h.automations.drain();
    expect((await h.automations.deliver()).webhooks).toEqual({ delivered: 0, retried: 1, dead: 0 });
    const first = f.requests[0] as HttpRequest;
    expect(first.body).toBe('{"name":"张三","src":"douyin"}');
    const ts = Number(first.headers?.['x-trellis-timestamp']);
    expect(
      verifyWebhook(
        'top-secret',
        ts,
        first.body ?? '',
        first.headers?.['x-trellis-signature'] ?? '',
      ),
    ).toBe(true);
    expect(
      verifyWebhook('wrong', ts, first.body ?? '', first.headers?.['x-trellis-signature'] ?? ''),
    ).toBe(false);
    // Not due yet: the backoff (30 s after the first failure) has not passed.
    expect((await h.automations.deliver()).webhooks).toEqual({ delivered: 0, retried: 0, dead: 0 });
    h.clock.advance(30_000);
    expect((await h.automations.deliver()).webhooks).toEqual({ delivered: 0, retried: 1, dead: 0 });
    expect((await deliveries())[0]).toMatchObject({
      attempts: 2,
      last_error: 'ECONNREFUSED',
      next_attempt_at: h.clock.now() + 60_000,
    });
    h.clock.advance(60_000);
    expect((await h.automations.deliver()).webhooks).toEqual({ delivered: 0, retried: 0, dead: 1 });
    expect((await deliveries())[0]).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error: 'HTTP 503: nope',
    });
    h.clock.advance(3_600_000);
    await h.automations.deliver();
    expect(f.requests).toHaveLength(3);
  });

  it('callWebhook gives up an attempt after its timeout', async () => {
    const f = fakeHttp(['hang', 200]);
    h = await setupAutomations({
      engine: { http: f.http },
      spec: specWith([
        onCreate('slow', [
          { type: 'callWebhook', url: 'https://slow.example.com', timeoutMs: 100 },
        ]),
      ]),
    });
    await lead();
    await h.automations.drain();
    expect((await h.automations.deliver()).webhooks).toEqual({ delivered: 0, retried: 1, dead: 0 });
    expect((await deliveries())[0]?.last_error).toBe('timeout after 100 ms');
    h.clock.advance(30_000);
    expect((await h.automations.deliver()).webhooks).toEqual({ delivered: 1, retried: 0, dead: 0 });
    // The default body is the event and the record.
    expect(JSON.parse(f.requests[1]?.body ?? '')).toMatchObject({
      event: 'record.created',
      automation: 'slow',
      entity: 'lead',
      record: { name: '张三' },
    });
  });

  it('callWebhook with an unknown secret fails the action instead of sending unsigned', async () => {
    h = await setupAutomations({
      spec: specWith([
        onCreate('nosecret', [
          { type: 'callWebhook', url: 'https://x.example.com', secretRef: 'missing' },
        ]),
      ]),
    });
    await lead();
    await h.automations.drain();
    const res = (await h.automations.runs({ automationKey: 'nosecret' }))[0]?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('webhook.unknownSecret');
    expect(await deliveries()).toEqual([]);
  });

  it('notify email queues one email per recipient and sends it with nodemailer', async () => {
    const mailer = createSmtpMailer({
      transport: { jsonTransport: true },
      from: 'crm@example.com',
    });
    h = await setupAutomations({
      engine: { mailer },
      spec: specWith([
        onCreate('mail', [
          {
            type: 'notify',
            channel: 'email',
            to: ['team:advisors'],
            subject: '新线索 {{name}}',
            message: '请跟进 {{name}}',
          },
        ]),
      ]),
    });
    await lead();
    await h.automations.drain();
    expect(
      pick(sortBy(await h.rows('email_outbox'), 'to_address'), [
        'to_address',
        'subject',
        'body',
        'status',
      ]),
    ).toEqual([
      {
        to_address: 'gao.min@example.com',
        subject: '新线索 张三',
        body: '请跟进 张三',
        status: 'pending',
      },
      {
        to_address: 'ma.li@example.com',
        subject: '新线索 张三',
        body: '请跟进 张三',
        status: 'pending',
      },
    ]);
    expect((await h.automations.deliver()).emails).toEqual({ delivered: 2, retried: 0, dead: 0 });
    expect(mailer.sent()).toBe(2);
    expect(await h.count('email_outbox', { status: 'sent' })).toBe(2);
  });

  it('overlapping delivery passes send each delivery once', async () => {
    const f = fakeHttp([200, 200]);
    h = await setupAutomations({
      engine: { http: f.http },
      spec: specWith([
        onCreate('once', [{ type: 'callWebhook', url: 'https://once.example.com' }]),
      ]),
    });
    await lead();
    await h.automations.drain();
    const [a, b] = await Promise.all([h.automations.deliver(), h.automations.deliver()]);
    expect(a.webhooks.delivered + b.webhooks.delivered).toBe(1);
    expect(f.requests).toHaveLength(1);
    // Another process's pass (a second automations instance) finds nothing due either.
    expect((await deliveries())[0]?.status).toBe('delivered');
  });
});
