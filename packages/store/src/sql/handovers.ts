import type { Handover, HandoverRepo } from '../api/handovers';
import { fromJson, fromNum, fromNumOrNull, toJson, type Row, type SqlExec } from './exec';

const COLS =
  'id, entity, record_id, from_user_id, to_user_id, reason, summary, status, created_at, decided_at';

function toHandover(r: Row): Handover {
  return {
    id: String(r.id),
    entity: String(r.entity),
    recordId: String(r.record_id),
    fromUserId: (r.from_user_id as string | null) ?? null,
    toUserId: String(r.to_user_id),
    reason: (r.reason as string | null) ?? null,
    summary: fromJson<unknown>(r.summary, null),
    status: String(r.status),
    createdAt: fromNum(r.created_at),
    decidedAt: fromNumOrNull(r.decided_at),
  };
}

/** handovers over portable SQL. */
export function handoverRepo(x: SqlExec): HandoverRepo {
  return {
    async insert(h) {
      await x.run(`INSERT INTO handovers (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        h.id,
        h.entity,
        h.recordId,
        h.fromUserId,
        h.toUserId,
        h.reason,
        toJson(h.summary),
        h.status ?? 'pending',
        h.createdAt,
        h.decidedAt ?? null,
      ]);
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        `SELECT ${COLS} FROM handovers WHERE entity = ? AND record_id = ? ORDER BY created_at, id`,
        [entity, recordId],
      );
      return rows.map(toHandover);
    },
    async get(id) {
      const row = await x.get(`SELECT ${COLS} FROM handovers WHERE id = ?`, [id]);
      return row ? toHandover(row) : null;
    },
    async decide(id, from, to) {
      const res =
        to.summary === undefined
          ? await x.run(
              'UPDATE handovers SET status = ?, decided_at = ? WHERE id = ? AND status = ?',
              [to.status, to.at, id, from],
            )
          : await x.run(
              'UPDATE handovers SET status = ?, decided_at = ?, summary = ? WHERE id = ? AND status = ?',
              [to.status, to.at, toJson(to.summary), id, from],
            );
      return res.changes > 0;
    },
    async annotate(id, summary) {
      await x.run('UPDATE handovers SET summary = ? WHERE id = ?', [toJson(summary), id]);
    },
    async listTo(toUserId, status, limit = 200) {
      const rows = await x.all(
        `SELECT ${COLS} FROM handovers WHERE to_user_id = ? AND status = ? ORDER BY created_at, id LIMIT ?`,
        [toUserId, status, limit],
      );
      return rows.map(toHandover);
    },
  };
}
