import { keysetPage, type Page } from '@trellis/store';
import type { Runtime } from '../records/runtime';
import type { Activity, FileRef } from './types';

type Row = {
  [column: string]: unknown;
  id: string;
  entity: string;
  record_id: string;
  type: string;
  body: string | null;
  occurred_at: number;
  actor_id: string | null;
  attachments: string | null;
  meta: string | null;
  created_at: number;
};

const parse = <T>(s: string | null, fallback: T): T => {
  if (s === null) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

function fromRow(r: Row): Activity {
  return {
    id: r.id,
    entity: r.entity,
    recordId: r.record_id,
    type: r.type,
    body: r.body,
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    attachments: parse<FileRef[]>(r.attachments, []),
    meta: parse<Record<string, unknown> | null>(r.meta, null),
    createdAt: r.created_at,
  };
}

/** Inserts one activity row (joins the caller's transaction). */
export function insertActivity(rt: Runtime, a: Activity): void {
  rt.stmt(
    `INSERT INTO activities (id, entity, record_id, type, body, occurred_at, actor_id, attachments, meta, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.id,
    a.entity,
    a.recordId,
    a.type,
    a.body,
    a.occurredAt,
    a.actorId,
    a.attachments.length ? JSON.stringify(a.attachments) : null,
    a.meta ? JSON.stringify(a.meta) : null,
    a.createdAt,
  );
}

/** Activities of a record, newest first. */
export function activitiesOf(rt: Runtime, entity: string, recordId: string): Activity[] {
  const rows = rt
    .stmt(
      'SELECT * FROM activities WHERE entity = ? AND record_id = ? AND deleted_at IS NULL ORDER BY occurred_at DESC, id DESC',
    )
    .all(entity, recordId) as Row[];
  return rows.map(fromRow);
}

/** One page of a record's activities, newest first; null for a cursor of another list. */
export function pageActivities(
  rt: Runtime,
  entity: string,
  recordId: string,
  page: { limit?: number; cursor?: string | null },
): Page<Activity> | null {
  const rows = keysetPage<Row>(rt.db, {
    from: 'activities',
    where: ['entity = ?', 'record_id = ?', 'deleted_at IS NULL'],
    params: [entity, recordId],
    keys: [
      { column: 'occurred_at', dir: 'desc', notNull: true },
      { column: 'id', dir: 'desc', notNull: true },
    ],
    limit: Math.min(1000, Math.max(1, page.limit ?? 50)),
    cursor: page.cursor ?? null,
    signature: 'activities',
  });
  return rows && { items: rows.items.map(fromRow), nextCursor: rows.nextCursor };
}
