import { getPipeline } from '@trellis/spec';
import { quoteIdent, tableName } from '@trellis/store';
import { stmt } from '../automations/db';
import type { Runtime } from '../automations/runtime';
import { breachEventId } from './sla';

/**
 * Scheduler sweep: every record whose `sla_due_at` (kept by the write path from the stage's
 * sla and the last activity) has passed gets ONE sla.breached event. The event id names the
 * record, stage and missed due time, so sweeping again adds nothing; logging an activity moves
 * the due time and a later miss is a new breach. Returns the number of new breaches.
 */
export function sweepSla(rt: Runtime, now: number): number {
  const spec = rt.spec();
  let added = 0;
  for (const pipeline of spec.pipelines ?? []) {
    if (!pipeline.stages.some((s) => s.sla)) continue;
    const entity = pipeline.entity;
    if (!getPipeline(spec, entity)) continue;
    const rows = stmt(
      rt.db,
      `SELECT id, stage, sla_due_at AS due FROM ${quoteIdent(tableName(entity))} WHERE sla_due_at IS NOT NULL AND sla_due_at <= ? AND deleted_at IS NULL ORDER BY sla_due_at LIMIT 5000`,
    ).all(now) as { id: string; stage: string | null; due: number }[];
    rt.db.transaction(() => {
      for (const r of rows) {
        const ok = rt.outbox.append({
          id: breachEventId(entity, r.id, r.stage ?? '', r.due),
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
  }
  return added;
}
