import { apiSession } from './api-session';
import type { RunningTrellis } from './trellis';

/**
 * Publishes, on a demo server of a file's own (`ownServer({ setUp: publishProtocol })`), the
 * seed article's handover rules for leads: the protocol note (3 key needs, 2 risks, 1 open item),
 * the new owner's acknowledgment, and a claim cap of one open lead (the demo spec asks for none
 * of these, so nothing would wait). Through the API as the admin, so a retry's fresh server is
 * set up the same way without a browser.
 */
export async function publishProtocol(server: RunningTrellis): Promise<void> {
  const admin = await apiSession(server, server.login('admin').login);
  const live = await admin<{ spec: { entities: Record<string, unknown>[] } }>(
    'GET',
    '/api/v1/spec',
  );
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
  await admin('POST', '/api/v1/spec/publish', {
    spec,
    note: 'browser test: the handover protocol',
  });
}
