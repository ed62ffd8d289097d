import { quoteIdent, tableName } from '@trellis/store';
import { stmt } from '../automations/db';
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
 * previous sweep (minus a grace period), page by page on the sla_due_at index, so old breaches
 * are not rescanned forever and a large backlog never starves new ones. Returns the number of
 * new breaches.
 */
export function sweepSla(rt: Runtime, now: number): number {
  const spec = rt.spec();
  let added = 0;
  for (const pipeline of spec.pipelines ?? []) {
    const withSla = pipeline.stages.filter((st) => st.sla).map((st) => st.key);
    if (withSla.length === 0) continue;
    const entity = pipeline.entity;
    const key = `sla:${entity}`;
    const state = stmt(rt.db, `SELECT last_fired_at FROM scheduler_state WHERE key = ?`).get(
      key,
    ) as { last_fired_at: number | null } | undefined;
    const from =
      state?.last_fired_at == null ? Number.MIN_SAFE_INTEGER : state.last_fired_at - GRACE_MS;
    const marks = withSla.map(() => '?').join(',');
    const page = stmt(
      rt.db,
      `SELECT id, stage, sla_due_at AS due FROM ${quoteIdent(tableName(entity))}
       WHERE sla_due_at IS NOT NULL AND (sla_due_at > ? OR (sla_due_at = ? AND id > ?)) AND sla_due_at <= ?
         AND deleted_at IS NULL AND stage IN (${marks})
       ORDER BY sla_due_at, id LIMIT ${PAGE}`,
    );
    let after = { due: from, id: '' };
    for (;;) {
      const rows = page.all(after.due, after.due, after.id, now, ...withSla) as {
        id: string;
        stage: string;
        due: number;
      }[];
      rt.db.transaction(() => {
        for (const r of rows) {
          const ok = rt.outbox.append({
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
    stmt(
      rt.db,
      `INSERT INTO scheduler_state (key, last_fired_at, next_due_at, updated_at) VALUES (?, ?, NULL, ?)
       ON CONFLICT(key) DO UPDATE SET last_fired_at = excluded.last_fired_at, updated_at = excluded.updated_at`,
    ).run(key, now, now);
  }
  return added;
}
