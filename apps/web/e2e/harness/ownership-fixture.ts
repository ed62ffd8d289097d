import type { Page } from 'playwright-core';
import { signIn } from './browser';
import { startTrellis, type RunningTrellis } from './trellis';

/**
 * A demo workspace of its own whose leads follow the seed article's handover rules: the
 * protocol note (3 key needs, 2 risks, 1 open item), the new owner's acknowledgment, and a
 * claim cap of one open lead (the demo spec asks for none of these, so nothing would wait).
 * Its own server, so the shared demo server's spec stays as the other browser tests expect.
 */
export async function startProtocolWorkspace(page: Page): Promise<RunningTrellis> {
  const server = await startTrellis();
  const admin = server.login('admin');
  await signIn(page, server.url, admin.login, admin.password);
  const published = await page.evaluate(async () => {
    const live = (await (await fetch('/api/v1/spec')).json()) as {
      spec: { entities: Record<string, unknown>[] };
    };
    const spec = {
      ...live.spec,
      entities: live.spec.entities.map((e) =>
        e.key === 'lead'
          ? {
              ...e,
              // No first-contact task and a 3-day cooldown: the dialog says only the cooldown.
              handover: {
                ...(e.handover as object),
                note: 'protocol',
                acknowledge: true,
                contactWithin: '0h',
                cooldown: '3d',
              },
              poolPolicy: { ...(e.poolPolicy as object), claimCap: 1 },
            }
          : e,
      ),
    };
    const res = await fetch('/api/v1/spec/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ spec, note: 'browser test: the handover protocol' }),
    });
    return { ok: res.ok, status: res.status, body: await res.text() };
  });
  if (!published.ok)
    throw new Error(`publishing the protocol spec failed: ${published.status} ${published.body}`);
  await page.context().clearCookies();
  return server;
}
