import type { Handover, HandoverRepo } from '../api/handovers';
import { fromJson, fromNum, toJson, type SqlExec } from './exec';

/** handovers over portable SQL. */
export function handoverRepo(x: SqlExec): HandoverRepo {
  return {
    async insert(h) {
      await x.run(
        'INSERT INTO handovers (id, entity, record_id, from_user_id, to_user_id, reason, summary, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          h.id,
          h.entity,
          h.recordId,
          h.fromUserId,
          h.toUserId,
          h.reason,
          toJson(h.summary),
          h.status ?? 'pending',
          h.createdAt,
        ],
      );
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        'SELECT id, entity, record_id, from_user_id, to_user_id, reason, summary, status, created_at FROM handovers WHERE entity = ? AND record_id = ? ORDER BY created_at, id',
        [entity, recordId],
      );
      return rows.map((r): Handover => ({
        id: String(r.id),
        entity: String(r.entity),
        recordId: String(r.record_id),
        fromUserId: (r.from_user_id as string | null) ?? null,
        toUserId: String(r.to_user_id),
        reason: (r.reason as string | null) ?? null,
        summary: fromJson<unknown>(r.summary, null),
        status: String(r.status),
        createdAt: fromNum(r.created_at),
      }));
    },
  };
}
