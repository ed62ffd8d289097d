import type { AssignmentTrace } from '../assignment';
import { parseJson, stmt, type Db } from './db';
import type { ActionLog } from './types';

/** One automatic assignment of a record with its "why this owner" trace. */
export type AssignmentTraceEntry = {
  at: number;
  ownerId: string;
  automationKey: string;
  runId: string;
  trace: AssignmentTrace;
};

/**
 * The "why this owner" traces of a record's automatic assignments, oldest first — for the
 * record timeline, which pairs each with its `assignment` entry (same owner, same time).
 */
export function assignmentTraces(db: Db, entity: string, recordId: string): AssignmentTraceEntry[] {
  const rows = stmt(
    db,
    `SELECT id, automation_key, started_at, actions FROM automation_runs WHERE entity = ? AND record_id = ? AND dry_run = 0 AND actions LIKE '%"assign"%' ORDER BY started_at, rowid`,
  ).all(entity, recordId) as {
    id: string;
    automation_key: string;
    started_at: number;
    actions: string;
  }[];
  const out: AssignmentTraceEntry[] = [];
  for (const r of rows) {
    for (const a of parseJson<ActionLog[]>(r.actions, [])) {
      const res = a.result;
      if (a.type !== 'assign' || !res?.ok) continue;
      const data = res.data as { ownerId?: string; trace?: AssignmentTrace } | undefined;
      if (data?.ownerId && data.trace)
        out.push({
          at: r.started_at,
          ownerId: data.ownerId,
          automationKey: r.automation_key,
          runId: r.id,
          trace: data.trace,
        });
    }
  }
  return out;
}
