import { assignmentTraces } from '../automations/assignment-traces';
import { engineError } from '../i18n/errors';
import {
  authorize,
  beginCall,
  callLocale,
  guard,
  isFailure,
  records,
  type Call,
} from '../records/call';
import { CREATED_FIELD } from '../records/journal';
import { reasonFor } from '../ownership/reason-texts';
import type { Runtime } from '../records/runtime';
import type { CallOptions } from '../records/types';
import type { HistoryRow as StoredHistoryRow, Touch } from '@trellis/store';
import type { FieldChange, TimelineEntry, TimelineResult } from './types';

const ASSIGNMENT = new Set(['ownerId', 'teamId']);

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
): Promise<TimelineResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const record = await records(call).get(entity, id, { includeDeleted: true });
    if (!record) return engineError('not_found', call.locale, 'notFound', { entity, id });
    const denied = authorize(call, 'read', record);
    if (denied) return denied;
    const entries: TimelineEntry[] = [
      ...(await historyEntries(call, id)),
      ...(await stageEntries(call, id)),
    ];
    for (const activity of await call.db.activities.listFor(entity, id))
      entries.push({
        kind: 'activity',
        id: activity.id,
        at: activity.occurredAt,
        actorId: activity.actorId,
        activity,
      });
    for (const task of await call.db.tasks.query({ entity, recordId: id, limit: 1000 }))
      entries.push({
        kind: 'task',
        id: task.id,
        at: task.createdAt,
        actorId: task.createdBy,
        task,
      });
    for (const touch of await call.db.touches.listFor(entity, id)) {
      entries.push({
        kind: 'touch',
        id: touch.id,
        at: touch.at,
        actorId: null,
        touch: rawTouch(touch),
      });
    }
    entries.push(...(await handoverEntries(call, id)));
    await attachAssignmentReasons(call, id, entries);
    await attachOwnershipKinds(call, id, entries);
    entries.sort(
      (a, b) =>
        b.at - a.at || createdLast(a) - createdLast(b) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    return { ok: true, entries: await rt.redaction.timeline(call.actor, entity, entries) };
  });
}

/**
 * A record's creation is the oldest of what happened in its first instant (its first stage, the
 * touch it came with), whatever order their ids were drawn in: a create writes the first
 * transition before the row, a bulk create all the first transitions before the rows.
 */
function createdLast(entry: TimelineEntry): number {
  return entry.kind === 'created' ? 1 : 0;
}

type HistoryRow = Required<StoredHistoryRow>;

async function historyEntries(call: Call, id: string): Promise<TimelineEntry[]> {
  const rows = await call.db.history.listFor(call.model.key, id);
  // Changes of hidden fields are dropped by the redaction (redaction/redaction.ts) with the rest.
  const groups = new Map<string, HistoryRow[]>();
  for (const r of rows) {
    const g = groups.get(r.changeId);
    if (g) g.push(r);
    else groups.set(r.changeId, [r]);
  }
  const out: TimelineEntry[] = [];
  for (const [changeId, group] of groups) {
    const head = group[0]!;
    const base = { at: head.at, actorId: head.actorId, via: head.via };
    const change = (r: HistoryRow): FieldChange => ({
      field: r.field,
      before: r.before,
      after: r.after,
    });
    const deleted = group.find((r) => r.field === 'deletedAt');
    if (deleted) {
      out.push({
        kind: deleted.after === null ? 'restored' : 'deleted',
        id: changeId,
        ...base,
      });
      continue;
    }
    const created = group.find((r) => r.field === CREATED_FIELD);
    if (created) {
      const values = (created.after ?? {}) as Record<string, unknown>;
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

async function stageEntries(call: Call, id: string): Promise<TimelineEntry[]> {
  const rows = await call.db.transitions.listFor(call.model.key, id);
  return rows.map((r) => ({
    kind: 'stage',
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    via: r.via,
    from: r.fromStage,
    to: r.toStage,
    dwellMs: r.dwellMs,
  }));
}

/** A touch as the timeline has always shown it: the stored columns. */
function rawTouch(t: Touch): Record<string, unknown> {
  return {
    id: t.id,
    entity: t.entity,
    record_id: t.recordId,
    kind: t.kind,
    source_key: t.sourceKey,
    utm_source: t.utmSource,
    utm_medium: t.utmMedium,
    utm_campaign: t.utmCampaign,
    utm_content: t.utmContent,
    utm_term: t.utmTerm,
    referrer: t.referrer,
    landing_url: t.landingUrl,
    at: t.at,
  };
}

/**
 * Pairs each automatic owner change with the assignment trace the automation recorded (same
 * owner, at or before the change), so the timeline can say why this owner was picked.
 */
async function attachAssignmentReasons(
  call: Call,
  id: string,
  entries: TimelineEntry[],
): Promise<void> {
  const automatic = entries.filter(
    (e): e is Extract<TimelineEntry, { kind: 'assignment' }> =>
      e.kind === 'assignment' && e.via === 'automation',
  );
  if (automatic.length === 0) return;
  const traces = await assignmentTraces(call.db, call.model.key, id);
  for (const entry of automatic.sort((a, b) => a.at - b.at)) {
    const owner = entry.changes.find((c) => c.field === 'ownerId')?.after;
    const i = traces.findIndex((t) => t.ownerId === owner && t.at <= entry.at);
    if (i < 0) continue;
    const [t] = traces.splice(i, 1);
    if (t) entry.reason = { automationKey: t.automationKey, runId: t.runId, trace: t.trace };
  }
}

/**
 * Pairs each owner change with its ownership ledger row (written in the same transaction, so at
 * the same time, to the same owner), giving the entry the ledger's kind and reason.
 */
async function attachOwnershipKinds(
  call: Call,
  id: string,
  entries: TimelineEntry[],
): Promise<void> {
  const assignments = entries.filter(
    (e): e is Extract<TimelineEntry, { kind: 'assignment' }> => e.kind === 'assignment',
  );
  if (assignments.length === 0) return;
  const rows = await call.db.ownership.listFor(call.model.key, id);
  for (const entry of assignments.sort((a, b) => a.at - b.at)) {
    const owner = entry.changes.find((c) => c.field === 'ownerId');
    const i = rows.findIndex(
      (r) => r.at === entry.at && (owner === undefined || r.toUserId === (owner.after || null)),
    );
    if (i < 0) continue;
    const [row] = rows.splice(i, 1);
    if (row) entry.ownership = { kind: row.kind, reason: reasonFor(row, call.locale) };
  }
}

async function handoverEntries(call: Call, id: string): Promise<TimelineEntry[]> {
  const rows = await call.db.handovers.listFor(call.model.key, id);
  const out: TimelineEntry[] = [];
  for (const r of rows) {
    out.push({
      kind: 'handover',
      id: r.id,
      at: r.createdAt,
      actorId: r.fromUserId,
      fromUserId: r.fromUserId,
      toUserId: r.toUserId,
      reason: r.reason,
      status: r.status,
      summary: r.summary,
    });
    // The customer's consent link: agreed, or expired unanswered (seen once its time is up).
    const consent = consentOf(r.summary);
    if (consent?.agreedAt)
      out.push({
        kind: 'consent',
        id: `${r.id}:consent`,
        at: consent.agreedAt,
        actorId: null,
        handoverId: r.id,
        status: 'agreed',
      });
    else if (consent && consent.expiresAt <= call.now)
      out.push({
        kind: 'consent',
        id: `${r.id}:consent`,
        at: consent.expiresAt,
        actorId: null,
        handoverId: r.id,
        status: 'expired',
      });
  }
  return out;
}

function consentOf(summary: unknown): { expiresAt: number; agreedAt?: number } | null {
  const c = (summary as { consent?: { expiresAt?: unknown; agreedAt?: unknown } } | null)?.consent;
  if (!c || typeof c.expiresAt !== 'number') return null;
  return typeof c.agreedAt === 'number'
    ? { expiresAt: c.expiresAt, agreedAt: c.agreedAt }
    : { expiresAt: c.expiresAt };
}
