import type { NewOutboxEvent, OutboxEvent, OutboxHead, OutboxRepo } from '../api/outbox';
import { fromJson, fromNum, marks, type Row, type SqlExec } from './exec';
import { insertRows } from './multi-row';
import { EFFECT_INSERT_HEAD, RUN_INSERT_HEAD, RUN_UPSERT, effectParams, runParams } from './runs';

export const EVENT_COLS =
  'seq, id, type, entity, record_id, payload, actor_id, via, depth, created_at, attempts';
export const FREE =
  'processed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ? OR claimed_by = ?)';

/** A row as an event; `attempts` as given. The payload is parsed on first use. */
export function toEvent(r: Row, attempts: number): OutboxEvent {
  const event = {
    seq: fromNum(r.seq),
    id: String(r.id),
    type: String(r.type),
    entity: (r.entity as string | null) ?? null,
    recordId: (r.record_id as string | null) ?? null,
    actorId: (r.actor_id as string | null) ?? null,
    via: (r.via as string | null) ?? null,
    depth: fromNum(r.depth ?? 0),
    createdAt: fromNum(r.created_at),
    attempts,
  } as OutboxEvent;
  // Most events of a busy outbox have no automation listening: parse only when read. A method,
  // not an arrow: under tsx's keepNames (the benches, the dev server) a named arrow costs an
  // Object.defineProperty of its name for every event read.
  let payload: Record<string, unknown> | undefined;
  Object.defineProperty(event, 'payload', {
    enumerable: true,
    get() {
      return (payload ??= fromJson<Record<string, unknown>>(r.payload, {}));
    },
  });
  return event;
}

/** An event's head for streams, with the adapter's cursor. */
export function toHead(r: Row, cursor: string): OutboxHead {
  return {
    cursor,
    seq: fromNum(r.seq),
    type: String(r.type),
    entity: (r.entity as string | null) ?? null,
    recordId: (r.record_id as string | null) ?? null,
    createdAt: fromNum(r.created_at),
  };
}

export function params(e: NewOutboxEvent): unknown[] {
  return [
    e.id,
    e.type,
    e.entity,
    e.recordId,
    JSON.stringify(e.payload ?? {}),
    e.actorId,
    e.via,
    e.depth,
    e.createdAt,
  ];
}

export const INSERT =
  'INSERT INTO outbox (id, type, entity, record_id, payload, actor_id, via, depth, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)';
// Whole statement texts built once: a text made per call is hashed again for the statement cache.
const APPEND = `${INSERT} RETURNING seq`;
const APPEND_ONCE = `${INSERT} ON CONFLICT (id) DO NOTHING`;
/** INSERT up to VALUES for multi-row appends (`attempts` takes its default, 0). */
export const INSERT_HEAD =
  'INSERT INTO outbox (id, type, entity, record_id, payload, actor_id, via, depth, created_at)';

const FINISH_SET =
  'UPDATE outbox SET processed_at = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL, last_error = NULL';
export const FINISH = `${FINISH_SET} WHERE seq = ? AND processed_at IS NULL`;
/** Events finished together per statement (`finishMany`), well under any placeholder limit. */
const FINISH_CHUNK = 500;

/** The reads that find pending events (exported for the query-plan test of the SQLite adapter). */
export function pendingEventSql(from: string) {
  return {
    claimable: `SELECT 1 AS one FROM ${from} WHERE ${FREE} LIMIT 1`,
    take: `SELECT ${EVENT_COLS} FROM ${from} WHERE ${FREE} ORDER BY seq LIMIT ?`,
    pending: `SELECT count(*) AS n FROM ${from} WHERE processed_at IS NULL`,
  };
}

/**
 * The outbox over portable SQL. `take` reads without locking rows: an adapter whose
 * transactions run side by side (PostgreSQL) overrides it (and `claim`) with row locks.
 */
export function outboxRepo(x: SqlExec, pendingFrom = 'outbox'): OutboxRepo {
  const pendingSql = pendingEventSql(pendingFrom);
  const lastSeq = async () => {
    const r = await x.get('SELECT coalesce(max(seq), 0) AS m FROM outbox');
    return fromNum(r?.m ?? 0);
  };
  return {
    async append(e) {
      const r = await x.get(APPEND, params(e));
      return fromNum(r?.seq);
    },
    async appendMany(events) {
      await insertRows(x, INSERT_HEAD, events.map(params));
    },
    async appendOnce(e) {
      const r = await x.run(APPEND_ONCE, params(e));
      return r.changes === 1;
    },
    async claimable(worker, now) {
      return (await x.get(pendingSql.claimable, [now, worker])) !== undefined;
    },
    async take(worker, now, limit) {
      const rows = await x.all(pendingSql.take, [now, worker, limit]);
      return rows.map((r) => toEvent(r, fromNum(r.attempts) + 1));
    },
    async finish(seq, now, log) {
      if (log?.runs.length)
        await insertRows(x, RUN_INSERT_HEAD, log.runs.map(runParams), RUN_UPSERT);
      if (log?.effects.length)
        await insertRows(x, EFFECT_INSERT_HEAD, log.effects.map(effectParams));
      await x.run(FINISH, [now, seq]);
    },
    async finishMany(seqs, now) {
      for (let i = 0; i < seqs.length; i += FINISH_CHUNK) {
        const chunk = seqs.slice(i, i + FINISH_CHUNK);
        await x.run(
          `${FINISH_SET} WHERE seq IN (${marks(chunk.length)}) AND processed_at IS NULL`,
          [now, ...chunk],
        );
      }
    },
    async putBack(seq, error, retryAt, dead, now) {
      await x.run(
        'UPDATE outbox SET attempts = attempts + 1, processed_at = ?, claimed_by = NULL, claimed_until = ?, last_error = ? WHERE seq = ? AND processed_at IS NULL',
        [dead ? now : null, dead ? null : retryAt, error, seq],
      );
    },
    async claim(worker, now, leaseMs, limit) {
      const rows = await x.all(
        `UPDATE outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
         WHERE seq IN (SELECT seq FROM ${pendingFrom} WHERE ${FREE} ORDER BY seq LIMIT ?)
         RETURNING ${EVENT_COLS}`,
        [worker, now + leaseMs, now, worker, limit],
      );
      return rows.map((r) => toEvent(r, fromNum(r.attempts))).sort((a, b) => a.seq - b.seq);
    },
    async complete(seq, worker, now) {
      const r = await x.run(
        'UPDATE outbox SET processed_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE seq = ? AND claimed_by = ?',
        [now, seq, worker],
      );
      return r.changes === 1;
    },
    async release(seq, worker, error, retryAt, dead, now) {
      if (dead)
        await x.run(
          'UPDATE outbox SET processed_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE seq = ? AND claimed_by = ?',
          [now, error, seq, worker],
        );
      else
        await x.run(
          'UPDATE outbox SET claimed_by = NULL, claimed_until = ?, last_error = ? WHERE seq = ? AND claimed_by = ?',
          [retryAt, error, seq, worker],
        );
    },
    async pending() {
      const r = await x.get(pendingSql.pending);
      return fromNum(r?.n ?? 0);
    },
    lastSeq,
    // One writer at a time (SQLite): sequence numbers are taken in commit order, so the
    // sequence number is the cursor.
    async since(after, limit) {
      const rows = await x.all(
        'SELECT seq, type, entity, record_id, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?',
        [after === null ? 0 : Number(after), limit],
      );
      return rows.map((r) => toHead(r, String(fromNum(r.seq))));
    },
    async head() {
      return String(await lastSeq());
    },
    cursorOk: (cursor) => /^\d{1,15}$/.test(cursor),
    async markAllProcessed(now) {
      const r = await x.run('UPDATE outbox SET processed_at = ? WHERE processed_at IS NULL', [now]);
      return r.changes;
    },
    async prune(before, limit) {
      // A range of outbox_pending_ix (processed_at, seq): no scan of the unprocessed tail.
      const r = await x.run(
        `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE processed_at IS NOT NULL
           AND processed_at < ? AND seq < (SELECT max(seq) FROM outbox) ORDER BY processed_at LIMIT ?)`,
        [before, limit],
      );
      return r.changes;
    },
  };
}
