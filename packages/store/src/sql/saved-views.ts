import type { SavedView, SavedViewRepo } from '../api/saved-views';
import { fromJson, fromNum, toJson, type Row, type SqlExec } from './exec';

const COLS =
  'id, owner_id AS "ownerId", entity, label, definition, created_at AS "createdAt", updated_at AS "updatedAt"';

function toView(r: Row): SavedView {
  return {
    id: String(r.id),
    ownerId: String(r.ownerId),
    entity: String(r.entity),
    label: String(r.label),
    definition: fromJson<unknown>(r.definition, null),
    createdAt: fromNum(r.createdAt),
    updatedAt: fromNum(r.updatedAt),
  };
}

/** saved_views over portable SQL. */
export function savedViewRepo(x: SqlExec): SavedViewRepo {
  return {
    async list(ownerId) {
      return (
        await x.all(
          `SELECT ${COLS} FROM saved_views WHERE owner_id = ? ORDER BY entity, created_at, id`,
          [ownerId],
        )
      ).map(toView);
    },
    async get(ownerId, id) {
      const r = await x.get(`SELECT ${COLS} FROM saved_views WHERE id = ? AND owner_id = ?`, [
        id,
        ownerId,
      ]);
      return r ? toView(r) : null;
    },
    async insert(v) {
      await x.run(
        `INSERT INTO saved_views (id, owner_id, entity, label, definition, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [v.id, v.ownerId, v.entity, v.label, toJson(v.definition), v.createdAt, v.updatedAt],
      );
    },
    async update(ownerId, id, v, now) {
      const res = await x.run(
        'UPDATE saved_views SET label = ?, definition = ?, updated_at = ? WHERE id = ? AND owner_id = ?',
        [v.label, toJson(v.definition), now, id, ownerId],
      );
      return res.changes > 0;
    },
    async remove(ownerId, id) {
      const res = await x.run('DELETE FROM saved_views WHERE id = ? AND owner_id = ?', [
        id,
        ownerId,
      ]);
      return res.changes > 0;
    },
  };
}
