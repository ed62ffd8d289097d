import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDataDir, installSpec, openRuntime, openServingRuntime } from '../src/index';
import { envMailer, envSecrets } from '../src/setup/outbound';
import { educationSpec } from './stack';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A local robot endpoint that records what it receives. */
async function receiver() {
  const got: { url: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      got.push({ url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/robot/send?access_token=T`,
    got,
  };
}

describe('outbound messages from the writer thread', () => {
  it('a DingTalk robot with signing gets the message, signed with the secret from the environment', async () => {
    const robot = await receiver();
    const dir = mkdtempSync(join(tmpdir(), 'trellis-outbound-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const paths = ensureDataDir(dir);
    const spec = educationSpec();
    spec.automations = [
      ...(spec.automations ?? []),
      {
        key: 'ding-new-lead',
        label: { 'zh-CN': '钉钉提醒', en: 'DingTalk alert' },
        on: { type: 'record.created', entity: 'lead' },
        do: [
          {
            type: 'notify',
            channel: 'webhook',
            url: robot.url,
            format: 'dingtalk',
            secretRef: 'ding-sec',
            message: { 'zh-CN': '新线索：{{name}}', en: 'New lead: {{name}}' },
          },
        ],
      },
      {
        key: 'ding-unsigned',
        label: { 'zh-CN': '钉钉提醒（无密钥）', en: 'DingTalk alert (no secret)' },
        on: { type: 'manual', entity: 'lead', label: { 'zh-CN': '提醒', en: 'Alert' } },
        do: [
          {
            type: 'notify',
            channel: 'webhook',
            url: robot.url,
            format: 'dingtalk',
            secretRef: 'ding-missing',
            message: { 'zh-CN': '新线索：{{name}}', en: 'New lead: {{name}}' },
          },
        ],
      },
    ] as never;
    const setup = await openRuntime(paths);
    // The robot listens on loopback: an internal target the operator has to allow.
    const installed = await installSpec(setup.store, spec, { outboundAllow: '127.0.0.1' });
    await setup.close();
    expect(installed.ok, JSON.stringify(installed)).toBe(true);
    // Worker threads copy the environment when they start.
    process.env.TRELLIS_SECRET_DING_SEC = 'SEC-test-secret';
    process.env.TRELLIS_OUTBOUND_ALLOW = '127.0.0.1';
    cleanups.push(() => void delete process.env.TRELLIS_SECRET_DING_SEC);
    cleanups.push(() => void delete process.env.TRELLIS_OUTBOUND_ALLOW);
    const rt = await openServingRuntime(paths, { server: { log: () => {} }, log: () => {} });
    cleanups.push(() => rt.close());

    const lead = await rt.engine.records.create(
      'lead',
      { name: '钉钉测试', phone: '13900001111', source: 'website' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    expect(lead.ok).toBe(true);
    // The worker thread starts slowly on a loaded machine: wait for the delivery, not a fixed time.
    const deadline = Date.now() + 60_000;
    while (robot.got.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(robot.got).toHaveLength(1);
    const url = new URL(robot.got[0]!.url, 'http://x');
    const ts = url.searchParams.get('timestamp');
    expect(url.searchParams.get('sign')).toBe(
      createHmac('sha256', 'SEC-test-secret').update(`${ts}\nSEC-test-secret`).digest('base64'),
    );
    expect(JSON.parse(robot.got[0]!.body)).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('新线索：钉钉测试') },
    });

    // Dry runs (made in the writer too) see the same secrets; without one the action fails.
    const dry = await rt.automations.test('ding-new-lead', {
      name: '试跑',
      phone: '13900002222',
      source: 'website',
    });
    expect(dry.ok && dry.runs[0]?.actions[0]?.status).toBe('succeeded');
    const unsigned = await rt.automations.test('ding-unsigned', {
      name: '试跑',
      phone: '13900002222',
      source: 'website',
    });
    expect(unsigned.ok && unsigned.runs[0]?.actions[0]?.result).toMatchObject({
      ok: false,
      code: 'webhook.unknownSecret',
    });
  });
});

describe('outbound settings from the environment', () => {
  it('names secrets TRELLIS_SECRET_<REF> and ignores empty ones', () => {
    const secrets = envSecrets({ TRELLIS_SECRET_CRM_HOOK: 'abc', TRELLIS_SECRET_EMPTY: '' });
    expect(secrets('crm-hook')).toBe('abc');
    expect(secrets('empty')).toBeUndefined();
    expect(secrets('other')).toBeUndefined();
  });

  it('builds the SMTP mailer from a URL and refuses incomplete settings with the reason', () => {
    expect(envMailer({})).toEqual({ ok: true, mailer: undefined });
    expect(
      envMailer({
        TRELLIS_SMTP_URL: 'smtp://u:p@mail.example.com:587',
        TRELLIS_SMTP_FROM: 'crm@example.com',
      }),
    ).toMatchObject({ ok: true, mailer: { send: expect.any(Function) } });
    expect(envMailer({ TRELLIS_SMTP_URL: 'smtp://mail.example.com' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('TRELLIS_SMTP_FROM'),
    });
    expect(envMailer({ TRELLIS_SMTP_URL: 'not a url', TRELLIS_SMTP_FROM: 'a@b.c' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a URL'),
    });
    expect(
      envMailer({ TRELLIS_SMTP_URL: 'http://mail.example.com', TRELLIS_SMTP_FROM: 'a@b.c' }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('smtp://') });
  });
});
