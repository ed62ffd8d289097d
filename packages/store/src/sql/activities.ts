import { keysetPage } from './keyset-page';
import { insertRows } from './multi-row';
import type { ActivityRepo, ActivityRow, FileRef } from '../api/activities';
import { fromJson, fromNum, toJson, type Row, type SqlExec } from './exec';

const COLS =
  'id, entity, record_id, type, body, occurred_at, actor_id, attachments, meta, created_at';

function toActivity(r: Row): ActivityRow {
  return {
    id: String(r.id),
    entity: String(r.entity),
    recordId: String(r.record_id),
    type: String(r.type),
    body: (r.body as string | null) ?? null,
    occurredAt: fromNum(r.occurred_at),
    actorId: (r.actor_id as string | null) ?? null,
    attachments: fromJson<FileRef[]>(r.attachments, []),
    meta: fromJson<Record<string, unknown> | null>(r.meta, null),
    createdAt: fromNum(r.created_at),
  };
}

const params = (a: ActivityRow): unknown[] => [
  a.id,
  a.entity,
  a.recordId,
  a.type,
  a.body,
  a.occurredAt,
  a.actorId,
  a.attachments.length ? JSON.stringify(a.attachments) : null,
  toJson(a.meta),
  a.createdAt,
];

/** activities over portable SQL. */
export function activityRepo(x: SqlExec): ActivityRepo {
  return {
    async insert(a) {
      await x.run(
        `INSERT INTO activities (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params(a),
      );
    },
    async insertMany(rows) {
      if (rows.length > 0)
        await insertRows(x, `INSERT INTO activities (${COLS})`, rows.map(params));
    },
    page(entity, recordId, page) {
      return keysetPage(x, {
        select: COLS,
        from: 'activities',
        where: ['entity = ?', 'record_id = ?', 'deleted_at IS NULL'],
        params: [entity, recordId],
        keys: [
          { column: 'occurred_at', dir: 'desc', notNull: true },
          { column: 'id', dir: 'desc', notNull: true },
        ],
        page,
        signature: 'activities',
        map: toActivity,
      });
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        `SELECT ${COLS} FROM activities WHERE entity = ? AND record_id = ? AND deleted_at IS NULL ORDER BY occurred_at DESC, id DESC`,
        [entity, recordId],
      );
      return rows.map(toActivity);
    },
    async loggedSince(entity, recordId, since) {
      const rows = await x.all(
        'SELECT type, attachments FROM activities WHERE entity = ? AND record_id = ? AND created_at >= ? AND deleted_at IS NULL',
        [entity, recordId, since],
      );
      return rows.map((r) => {
        const files = fromJson<unknown>(r.attachments, null);
        return { type: String(r.type), hasAttachment: Array.isArray(files) && files.length > 0 };
      });
    },
    async recordsWithFile(entity, fileId, limit) {
      const rows = await x.all(
        'SELECT DISTINCT record_id FROM activities WHERE entity = ? AND attachments LIKE ? LIMIT ?',
        [entity, `%"${fileId.replace(/[%_"\\]/g, '')}"%`, limit],
      );
      return rows.map((r) => String(r.record_id));
    },
  };
}
