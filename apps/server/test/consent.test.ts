import { describe, expect, it } from 'vitest';
import { createManualClock } from '@trellis/engine';
import { fullStack } from './stack';

const HOUR = 3_600_000;

async function setup() {
  const clock = createManualClock(Date.UTC(2026, 11, 1, 2));
  const s = await fullStack({ clock });
  const amy = await s.signIn('amy', 'sales', ['tech']);
  const bob = await s.signIn('bob', 'sales', ['tech']);
  const eve = await s.signIn('eve', 'sales', ['tech']);
  const call = async (
    path: string,
    who: { cookie: string } | null,
    method = 'GET',
    json?: unknown,
  ) => {
    const res = await s.request(path, {
      method,
      ...(who ? { cookie: who.cookie } : {}),
      ...(json !== undefined ? { json } : {}),
    });
    return { status: res.status, text: await res.text() };
  };
  const handedOver = async (name: string) => {
    const made = await call('/api/v1/records/lead', amy, 'POST', {
      name,
      phone: `1390013${Math.floor(1000 + Math.random() * 8999)}`,
    });
    const id = (JSON.parse(made.text) as { id: string }).id;
    const h = await call('/api/v1/records/lead/handover', amy, 'POST', { ids: [id], to: 'bob' });
    expect(h.status, h.text).toBe(200);
    const handoverId = (JSON.parse(h.text) as { handovers: { id: string }[] }).handovers[0]!.id;
    return { id, handoverId };
  };
  return { s, clock, amy, bob, eve, call, handedOver };
}

describe('customer consent link', () => {
  it('is signed, shown in the customer’s language on a phone page, agreed once, on the timeline', async () => {
    const { amy, bob, eve, call, handedOver } = await setup();
    const { id, handoverId } = await handedOver('王小明');
    expect((await call(`/api/v1/handovers/${handoverId}/consent`, eve, 'POST')).status).toBe(404);
    const open = await call(`/api/v1/handovers/${handoverId}/consent`, amy, 'POST');
    expect(open.status, open.text).toBe(200);
    const { url } = JSON.parse(open.text) as { url: string; expiresAt: number };
    const zh = await call(`${url}?lang=zh-CN`, null);
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('王小明');
    expect(zh.text).toContain('同意');
    expect(zh.text).toContain('width=device-width');
    expect((await call(`${url}?lang=en`, null)).text).toContain('I agree');
    const forged = url.slice(0, -3) + (url.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await call(forged, null)).status).toBe(404);
    expect((await call('/consent/nonsense', null, 'POST')).status).toBe(404);

    const agreed = await call(`${url}?lang=en`, null, 'POST');
    expect(agreed.text).toContain('consent is recorded');
    const tl = JSON.parse((await call(`/api/v1/records/lead/${id}/timeline`, bob)).text) as {
      items?: { kind: string; status?: string }[];
      entries?: { kind: string; status?: string }[];
    };
    const entries = tl.items ?? tl.entries ?? [];
    expect(entries.find((e) => e.kind === 'consent')).toMatchObject({ status: 'agreed' });
  });

  it('expires after 72 hours: the page says so, the timeline shows the expiry', async () => {
    const { clock, amy, bob, call, handedOver } = await setup();
    const { id, handoverId } = await handedOver('李雷');
    const { url } = JSON.parse(
      (await call(`/api/v1/handovers/${handoverId}/consent`, amy, 'POST')).text,
    ) as { url: string };
    clock.advance(72 * HOUR);
    expect((await call(`${url}?lang=zh-CN`, null)).text).toContain('已过期');
    expect((await call(`${url}?lang=en`, null, 'POST')).text).toContain('expired');
    const tl = JSON.parse((await call(`/api/v1/records/lead/${id}/timeline`, bob)).text) as {
      items?: { kind: string; status?: string }[];
      entries?: { kind: string; status?: string }[];
    };
    const entries = tl.items ?? tl.entries ?? [];
    expect(entries.find((e) => e.kind === 'consent')).toMatchObject({ status: 'expired' });
  });
});
