import { newId } from '../ids';
import type { HistoryRow, TransitionRow } from '../api/history';
import type { OutboxRow } from './record-core';
import type { SqliteCtx } from './context';
import { INSERT_TRANSITION, TRANSITION_VALUES, transitionParams } from '../sql/history';

const json = (v: unknown): string | null =>
  v === undefined || v === null ? null : JSON.stringify(v);

export function writeHistory(ctx: SqliteCtx, rows: readonly HistoryRow[]): void {
  const s = ctx.stmt(
    'INSERT INTO record_history (id, change_id, entity, record_id, field, "before", "after", actor_id, via, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows)
    s.run(
      r.id ?? newId(),
      r.changeId,
      r.entity,
      r.recordId,
      r.field,
      json(r.before),
      json(r.after),
      r.actorId,
      r.via,
      r.at,
    );
}

export function writeTransition(ctx: SqliteCtx, r: TransitionRow): void {
  ctx.stmt(`${INSERT_TRANSITION} VALUES ${TRANSITION_VALUES}`).run(...transitionParams(r));
}

export function writeOutbox(ctx: SqliteCtx, r: OutboxRow): number {
  const res = ctx
    .stmt(
      'INSERT INTO outbox (id, type, entity, record_id, payload, actor_id, via, depth, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      r.id ?? newId(),
      r.type,
      r.entity,
      r.recordId,
      json(r.payload),
      r.actorId,
      r.via,
      r.depth ?? 0,
      r.createdAt,
    );
  return Number(res.lastInsertRowid);
}
