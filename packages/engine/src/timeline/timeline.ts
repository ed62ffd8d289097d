import { activitiesOf } from '../activities/activity-rows';
import { assignmentTraces } from '../automations/assignment-traces';
import { engineError } from '../i18n/errors';
import { authorize, beginCall, callLocale, guard, isFailure, type Call } from '../records/call';
import { CREATED_FIELD } from '../records/journal';
import type { Runtime } from '../records/runtime';
import type { CallOptions } from '../records/types';
import { queryTasks } from '../tasks/task-rows';
import type { FieldChange, TimelineEntry, TimelineResult } from './types';

type HistoryRow = {
  id: string;
  change_id: string;
  field: string;
  before: string | null;
  after: string | null;
  actor_id: string | null;
  via: string;
  at: number;
};
type TransitionRow = {
  id: string;
  from_stage: string | null;
  to_stage: string;
  actor_id: string | null;
  via: string;
  at: number;
  dwell_ms: number | null;
};

const ASSIGNMENT = new Set(['ownerId', 'teamId']);
const json = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/**
 * A record's timeline: field changes (grouped per write; the creation row is `created`; owner and
 * team changes are `assignment`), stage changes, activities, tasks and intake touches, merged by
 * time, newest first. Ties keep write order (ids grow with time). Redacted for the reader.
 */
export function timeline(
  rt: Runtime,
  entity: string,
  id: string,
  opts: CallOptions,
): TimelineResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const record = call.live.store.get(entity, id, { includeDeleted: true });
    if (!record) return engineError('not_found', call.locale, 'notFound', { entity, id });
    const denied = authorize(call, 'read', record);
    if (denied) return denied;
    const entries: TimelineEntry[] = [...historyEntries(call, id), ...stageEntries(call, id)];
    for (const activity of activitiesOf(rt, entity, id))
      entries.push({
        kind: 'activity',
        id: activity.id,
        at: activity.occurredAt,
        actorId: activity.actorId,
        activity,
      });
    for (const task of queryTasks(rt, { entity, recordId: id, limit: 1000 }))
      entries.push({
        kind: 'task',
        id: task.id,
        at: task.createdAt,
        actorId: task.createdBy,
        task,
      });
    for (const touch of rt
      .stmt('SELECT * FROM touches WHERE entity = ? AND record_id = ?')
      .all(entity, id) as Record<string, unknown>[]) {
      entries.push({
        kind: 'touch',
        id: String(touch.id),
        at: Number(touch.at),
        actorId: null,
        touch,
      });
    }
    entries.push(...handoverEntries(call, id));
    attachAssignmentReasons(call, id, entries);
    entries.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return { ok: true, entries: rt.redaction.timeline(call.actor, entity, entries) };
  });
}

function historyEntries(call: Call, id: string): TimelineEntry[] {
  const rows = call.rt
    .stmt(
      'SELECT id, change_id, field, "before", "after", actor_id, via, at FROM record_history WHERE entity = ? AND record_id = ? ORDER BY at, id',
    )
    .all(call.model.key, id) as HistoryRow[];
  // Changes of hidden fields are dropped by the redaction (redaction/redaction.ts) with the rest.
  const groups = new Map<string, HistoryRow[]>();
  for (const r of rows) {
    const g = groups.get(r.change_id);
    if (g) g.push(r);
    else groups.set(r.change_id, [r]);
  }
  const out: TimelineEntry[] = [];
  for (const [changeId, group] of groups) {
    const head = group[0]!;
    const base = { at: head.at, actorId: head.actor_id, via: head.via };
    const change = (r: HistoryRow): FieldChange => ({
      field: r.field,
      before: json(r.before),
      after: json(r.after),
    });
    const deleted = group.find((r) => r.field === 'deletedAt');
    if (deleted) {
      out.push({
        kind: json(deleted.after) === null ? 'restored' : 'deleted',
        id: changeId,
        ...base,
      });
      continue;
    }
    const created = group.find((r) => r.field === CREATED_FIELD);
    if (created) {
      const values = (json(created.after) ?? {}) as Record<string, unknown>;
      const changes = Object.entries(values).map(([field, after]) => ({
        field,
        before: null,
        after,
      }));
      out.push({ kind: 'created', id: changeId, ...base, changes });
      continue;
    }
    const assignment = group.filter((r) => ASSIGNMENT.has(r.field));
    const rest = group.filter((r) => !ASSIGNMENT.has(r.field));
    if (assignment.length)
      out.push({
        kind: 'assignment',
        id: `${changeId}:assignment`,
        ...base,
        changes: assignment.map(change),
      });
    if (rest.length) out.push({ kind: 'change', id: changeId, ...base, changes: rest.map(change) });
  }
  return out;
}

function stageEntries(call: Call, id: string): TimelineEntry[] {
  const rows = call.rt
    .stmt(
      'SELECT id, from_stage, to_stage, actor_id, via, at, dwell_ms FROM stage_transitions WHERE entity = ? AND record_id = ?',
    )
    .all(call.model.key, id) as TransitionRow[];
  return rows.map((r) => ({
    kind: 'stage',
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    via: r.via,
    from: r.from_stage,
    to: r.to_stage,
    dwellMs: r.dwell_ms,
  }));
}

/**
 * Pairs each automatic owner change with the assignment trace the automation recorded (same
 * owner, at or before the change), so the timeline can say why this owner was picked.
 */
function attachAssignmentReasons(call: Call, id: string, entries: TimelineEntry[]): void {
  const automatic = entries.filter(
    (e): e is Extract<TimelineEntry, { kind: 'assignment' }> =>
      e.kind === 'assignment' && e.via === 'automation',
  );
  if (automatic.length === 0) return;
  const traces = assignmentTraces(call.rt.db, call.model.key, id);
  for (const entry of automatic.sort((a, b) => a.at - b.at)) {
    const owner = entry.changes.find((c) => c.field === 'ownerId')?.after;
    const i = traces.findIndex((t) => t.ownerId === owner && t.at <= entry.at);
    if (i < 0) continue;
    const [t] = traces.splice(i, 1);
    if (t) entry.reason = { automationKey: t.automationKey, runId: t.runId, trace: t.trace };
  }
}

type HandoverRow = {
  id: string;
  from_user_id: string | null;
  to_user_id: string;
  reason: string | null;
  summary: string | null;
  status: string;
  created_at: number;
};

function handoverEntries(call: Call, id: string): TimelineEntry[] {
  const rows = call.rt
    .stmt(
      'SELECT id, from_user_id, to_user_id, reason, summary, status, created_at FROM handovers WHERE entity = ? AND record_id = ?',
    )
    .all(call.model.key, id) as HandoverRow[];
  return rows.map((r) => ({
    kind: 'handover',
    id: r.id,
    at: r.created_at,
    actorId: r.from_user_id,
    fromUserId: r.from_user_id,
    toUserId: r.to_user_id,
    reason: r.reason,
    status: r.status,
    summary: json(r.summary),
  }));
}
