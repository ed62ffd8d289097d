import type { IntakeReason, IntakeStatus } from '@trellis/store';
import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { alertSilentSources } from '../src/intake/silence-alerts';
import { fullStack } from './stack';

const HOUR = 3_600_000;

/** The education template with a 24-hour silence alert on the Douyin source. */
function withAlert(spec: AppSpec): AppSpec {
  for (const w of spec.webhookSources ?? []) if (w.key === 'douyin') w.alertAfter = '24h';
  return spec;
}

describe('silent intake sources', () => {
  it('tells intake managers once per silence, with the refusal that explains it, and re-arms on the next lead', async () => {
    const s = await fullStack({}, withAlert);
    const admin = await s.signIn('root', 'admin');
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const log = (
      id: string,
      kind: 'webhook',
      sourceKey: string,
      status: IntakeStatus,
      httpStatus: number,
      reasons: string | null,
      at: number,
    ) =>
      s.store.intakeLog.append({
        id,
        kind,
        sourceKey,
        status,
        httpStatus,
        reasons: reasons ? (JSON.parse(reasons) as IntakeReason[]) : null,
        recordId: null,
        ip: null,
        idempotencyKey: null,
        at,
      });
    const notes = async (userId: string) =>
      (await s.store.notifications.list(userId))
        .filter((n) => n.kind === 'intake.silent')
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((n) => ({ title: n.title, body: n.body ?? '' }));
    const t0 = Date.UTC(2026, 1, 10, 8);

    // Never brought a lead: not started, nothing to miss.
    expect(await alertSilentSources(s.store, s.spec, t0 + 100 * HOUR)).toEqual([]);

    await log('l1', 'webhook', 'douyin', 'accepted', 201, null, t0);
    expect(await alertSilentSources(s.store, s.spec, t0 + 23 * HOUR)).toEqual([]);
    // The token was rotated on the platform: every push is refused from now on.
    await log(
      'l2',
      'webhook',
      'douyin',
      'unauthorized',
      401,
      JSON.stringify([{ path: '', code: 'unauthorized', message: 'bad token' }]),
      t0 + 2 * HOUR,
    );
    expect(await alertSilentSources(s.store, s.spec, t0 + 25 * HOUR)).toEqual(['douyin']);
    const [alert] = await notes(admin.id);
    expect(alert?.title).toBe('线索来源“抖音线索广告”已 25 小时没有新线索');
    expect(alert?.body).toContain('最后一条线索：2026/2/10');
    expect(alert?.body).toContain('HTTP 401');
    expect(alert?.body).toContain('bad token');
    // Only those who manage intake are told; and only once for this silence.
    expect(await notes(rep.id)).toEqual([]);
    expect(await alertSilentSources(s.store, s.spec, t0 + 72 * HOUR)).toEqual([]);
    expect(await notes(admin.id)).toHaveLength(1);

    // A new lead re-arms it; the next silence is reported again.
    await log('l3', 'webhook', 'douyin', 'merged', 201, null, t0 + 80 * HOUR);
    expect(await alertSilentSources(s.store, s.spec, t0 + 90 * HOUR)).toEqual([]);
    expect(await alertSilentSources(s.store, s.spec, t0 + 105 * HOUR)).toEqual(['douyin']);
    expect((await notes(admin.id)).map((n) => n.body.includes('没有收到任何请求'))).toEqual([
      false,
      true,
    ]);
  });
});
