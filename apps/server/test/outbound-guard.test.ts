import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createAutomations, createEngine } from '@trellis/engine';
import { NO_OUTBOUND_ALLOW, parseOutboundAllow } from '@trellis/spec';
import type { AppSpec } from '@trellis/spec';
import { guardedHttp, OutboundRefused, type Resolver } from '../src/setup/outbound-http';
import { fullStack } from './stack';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A listener on loopback that counts what reaches it: an internal service an attacker aims at. */
async function internalService() {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    res.writeHead(200).end('secret internal answer');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as { port: number }).port, hits };
}

/** A resolver with fixed answers, counting how often each name is resolved. */
function fakeDns(answers: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve: Resolver = (hostname, callback) => {
    calls.push(hostname);
    const found = answers[hostname];
    if (!found) return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return Object.assign(resolve, { calls });
}

const post = (url: string) => ({ url, method: 'POST', body: '{}', timeoutMs: 2000 });

describe('outbound HTTP of automations', () => {
  it('refuses loopback, link-local, private and numeric encodings, and never connects', async () => {
    const service = await internalService();
    const send = guardedHttp(NO_OUTBOUND_ALLOW, fakeDns({ 'hook.example': ['127.0.0.1'] }));
    for (const host of [
      '127.0.0.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '0x7f000001',
      '2130706433',
      '0177.0.0.1',
      'hook.example',
    ]) {
      const refused = await send(post(`http://${host}:${service.port}/x`)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused, host).toBeInstanceOf(OutboundRefused);
      expect((refused as OutboundRefused).permanent).toBe(true);
      expect(String((refused as Error).message)).toMatch(/refused: .*(loopback|linkLocal)/);
    }
    await expect(send(post('http://169.254.169.254/latest/meta-data/'))).rejects.toThrow(
      /linkLocal/,
    );
    await expect(send(post('http://10.0.0.1/'))).rejects.toThrow(/private/);
    expect(service.hits).toEqual([]);
  });

  it('connects to the address it checked: one resolution per request, a mixed answer uses only the public part', async () => {
    const service = await internalService();
    // The operator allows this internal service by name; the address resolved is the one dialled.
    const dns = fakeDns({ 'crm.corp': ['127.0.0.1'], 'rebind.example': ['10.0.0.9', '127.0.0.1'] });
    const send = guardedHttp(parseOutboundAllow('crm.corp'), dns);
    const res = await send(post(`http://crm.corp:${service.port}/in`));
    expect(res.status).toBe(200);
    expect(service.hits).toEqual(['/in']);
    expect(dns.calls).toEqual(['crm.corp']);
    await expect(send(post(`http://rebind.example:${service.port}/`))).rejects.toThrow(
      /refused: rebind\.example is 10\.0\.0\.9/,
    );
    expect(service.hits).toEqual(['/in']);
    // An allowed range works for address literals too.
    const byRange = guardedHttp(parseOutboundAllow('127.0.0.0/8'), dns);
    expect((await byRange(post(`http://127.0.0.1:${service.port}/range`))).status).toBe(200);
  });

  it('dead-letters a refused delivery at once and shows why in the run log and delivery health', async () => {
    const service = await internalService();
    const target = `http://127.0.0.1:${service.port}/hook`;
    const withHook = (spec: AppSpec): AppSpec => ({
      ...spec,
      automations: [
        ...(spec.automations ?? []),
        {
          key: 'push-crm',
          label: { 'zh-CN': '推送', en: 'Push' },
          on: { type: 'record.created', entity: 'lead' },
          do: [{ type: 'callWebhook', url: target }],
        },
      ] as never,
    });
    // The spec check refuses the internal URL unless the operator allows it...
    await expect(fullStack({}, withHook)).rejects.toThrow(/outbound\.internalTarget/);
    // ...published while allowed, then the allowlist is taken away: the sender still refuses.
    const s = await fullStack({}, withHook, { outboundAllow: '127.0.0.0/8' });
    const sender = createEngine({ store: s.store, http: guardedHttp(NO_OUTBOUND_ALLOW) });
    const automations = createAutomations(sender);
    const lead = await s.engine.records.create(
      'lead',
      { name: '外发', phone: '+8613700009999', source: 'website' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    expect(lead.ok).toBe(true);
    await automations.drain();
    const sent = await automations.deliver();
    expect(sent.webhooks).toEqual({ delivered: 0, retried: 0, dead: 1 });
    expect(service.hits).toEqual([]);
    const run = (await automations.runs({ automationKey: 'push-crm' }))[0];
    expect(run?.status).toBe('succeeded');
    expect(run?.actions[0]?.delivery).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/),
    });
    expect(await automations.deliveryHealth()).toMatchObject({
      dead: 1,
      failures: [{ status: 'dead', host: `127.0.0.1:${service.port}` }],
    });
  });
});
