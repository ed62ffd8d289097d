import type { Store } from '../src/index';
import { baseSpec } from './fixtures';

/**
 * Writes leads `from` … `from + n - 1` one by one, lead i created at `t0 + i * everyMs`, owned in
 * turn by u1, u2 and nobody, walking 1 to 4 stages of the pipeline (`stepMs` apart); every fifth
 * is then lost. The upgrade and backfill tests write the same history before and after they take
 * the database back to an older state.
 */
export async function writeWalks(
  store: Store,
  from: number,
  n: number,
  { t0, everyMs, stepMs, prefix }: { t0: number; everyMs: number; stepMs: number; prefix: string },
): Promise<void> {
  for (let i = from; i < from + n; i++) {
    const at = t0 + i * everyMs;
    const r = await store
      .records(baseSpec)
      .insert(
        'lead',
        { name: `${prefix}${i}`, ownerId: ['u1', 'u2', null][i % 3], createdAt: at },
        { now: at },
      );
    if (!r.ok) throw new Error(r.error.message);
    for (const [k, to] of ['new', 'qualified', 'trial', 'won'].slice(0, 1 + (i % 4)).entries())
      await store.transitions.append({
        entity: 'lead',
        recordId: r.value.id,
        fromStage: null,
        toStage: to,
        actorId: null,
        via: 'test',
        at: at + k * stepMs,
        dwellMs: null,
      });
    if (i % 5 === 0) await store.records(baseSpec).update('lead', r.value.id, { stage: 'lost' }, 1);
  }
}
