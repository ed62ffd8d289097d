import type { Repos } from '@trellis/store';
import type { AssignmentTrace } from '../assignment';
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
export async function assignmentTraces(
  db: Repos,
  entity: string,
  recordId: string,
): Promise<AssignmentTraceEntry[]> {
  const out: AssignmentTraceEntry[] = [];
  for (const r of await db.runs.withAction(entity, recordId, 'assign')) {
    for (const a of r.actions as ActionLog[]) {
      const res = a.result;
      if (a.type !== 'assign' || !res?.ok) continue;
      const data = res.data as { ownerId?: string; trace?: AssignmentTrace } | undefined;
      if (data?.ownerId && data.trace)
        out.push({
          at: r.startedAt,
          ownerId: data.ownerId,
          automationKey: r.automationKey,
          runId: r.id,
          trace: data.trace,
        });
    }
  }
  return out;
}
