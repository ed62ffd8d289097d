import type { Runtime } from '../automations/runtime';
import { breachEventId } from './sla';

/** Due times this long before the previous sweep are looked at again (late or backdated writes). */
const GRACE_MS = 7 * 24 * 3_600_000;
const PAGE = 1000;

/**
 * Scheduler sweep: every record whose `sla_due_at` (kept by the write path from the stage's
 * sla and the last activity) has passed gets ONE sla.breached event. The event id names the
 * record, stage and missed due time, so sweeping again adds nothing; logging an activity moves
 * the due time and a later miss is a new breach. Each sweep reads the due times since the
 * previous sweep (minus a grace period), page by page in due order, so old breaches are not
 * rescanned forever and a large backlog never starves new ones. Returns the number of new breaches.
 */
export async function sweepSla(rt: Runtime, now: number): Promise<number> {
  const spec = await rt.deps.spec();
  const store = rt.store;
  let added = 0;
  for (const pipeline of spec.pipelines ?? []) {
    const withSla = pipeline.stages.filter((st) => st.sla).map((st) => st.key);
    if (withSla.length === 0) continue;
    const entity = pipeline.entity;
    const key = `sla:${entity}`;
    const state = await store.scheduler.get(key);
    const from =
      state?.lastFiredAt == null ? Number.MIN_SAFE_INTEGER : state.lastFiredAt - GRACE_MS;
    let after = { due: from, id: '' };
    for (;;) {
      const rows = await store
        .records(spec)
        .slaDue(entity, { stages: withSla, after, until: now, limit: PAGE });
      await store.transaction(async (tx) => {
        for (const r of rows) {
          const ok = await tx.outbox.appendOnce({
            id: breachEventId(entity, r.id, r.stage, r.due),
            type: 'sla.breached',
            entity,
            recordId: r.id,
            payload: { stage: r.stage, dueAt: r.due, overdueMs: now - r.due },
            actorId: null,
            via: 'system',
            depth: 0,
            createdAt: now,
          });
          if (ok) added++;
        }
      });
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = { due: last.due, id: last.id };
    }
    await store.scheduler.fired(key, now, now);
  }
  return added;
}
