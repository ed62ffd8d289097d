import type { StoreDb } from '@trellis/store';
import { newId } from '@trellis/store';
import type { ViewBody } from './view-def';

/** A view a person saved for themself, as stored (table `saved_views`). */
export type SavedViewRow = {
  id: string;
  ownerId: string;
  entity: string;
  label: string;
  definition: ViewBody;
  createdAt: number;
  updatedAt: number;
};

type Row = {
  id: string;
  owner_id: string;
  entity: string;
  label: string;
  definition: string;
  created_at: number;
  updated_at: number;
};

const fromRow = (r: Row): SavedViewRow => ({
  id: r.id,
  ownerId: r.owner_id,
  entity: r.entity,
  label: r.label,
  definition: JSON.parse(r.definition) as ViewBody,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** People's own saved views. Every read and write is scoped to one owner. */
export function savedViewsRepo(db: StoreDb) {
  const s = db.sqlite;
  return {
    list(ownerId: string): SavedViewRow[] {
      return (
        s
          .prepare('SELECT * FROM saved_views WHERE owner_id = ? ORDER BY entity, created_at')
          .all(ownerId) as Row[]
      ).map(fromRow);
    },
    get(ownerId: string, id: string): SavedViewRow | null {
      const row = s
        .prepare('SELECT * FROM saved_views WHERE id = ? AND owner_id = ?')
        .get(id, ownerId) as Row | undefined;
      return row ? fromRow(row) : null;
    },
    insert(
      ownerId: string,
      v: { entity: string; label: string; definition: ViewBody },
      now: number,
    ): SavedViewRow {
      const id = newId();
      s.prepare(
        'INSERT INTO saved_views (id, owner_id, entity, label, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, ownerId, v.entity, v.label, JSON.stringify(v.definition), now, now);
      return this.get(ownerId, id)!;
    },
    update(
      ownerId: string,
      id: string,
      v: { label: string; definition: ViewBody },
      now: number,
    ): SavedViewRow | null {
      const res = s
        .prepare(
          'UPDATE saved_views SET label = ?, definition = ?, updated_at = ? WHERE id = ? AND owner_id = ?',
        )
        .run(v.label, JSON.stringify(v.definition), now, id, ownerId);
      return res.changes ? this.get(ownerId, id) : null;
    },
    remove(ownerId: string, id: string): boolean {
      return (
        s.prepare('DELETE FROM saved_views WHERE id = ? AND owner_id = ?').run(id, ownerId)
          .changes > 0
      );
    },
  };
}

export type SavedViewsRepo = ReturnType<typeof savedViewsRepo>;
