import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import type { Actor, AppEnv } from '../types';
import { nextChange, notifyChanges } from '../http/change-notifier';

// Streams wake on every committed write of this process (change-notifier); the poll only
// catches writes of other processes. Options limits.ssePollMs overrides it.
const POLL_MS = 5000;
const HEARTBEAT_MS = 15_000;

type OutboxRow = {
  seq: number;
  type: string;
  entity: string | null;
  record_id: string | null;
  created_at: number;
};
type NotificationRow = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: string | null;
  payload: string | null;
  created_at: number;
};

/** The events one reader may see since `seq`: record changes they can read (redacted) and their notifications. */
export function eventsSince(
  ctx: ServerContext,
  actor: Actor,
  cursor: { seq: number; notification: string },
) {
  const out: { event: string; data: unknown }[] = [];
  const rows = ctx.db.sqlite
    .prepare(
      'SELECT seq, type, entity, record_id, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT 200',
    )
    .all(cursor.seq) as OutboxRow[];
  for (const row of rows) {
    cursor.seq = row.seq;
    if (!row.entity || !row.record_id || !ctx.engine.permissions.can(actor, 'read', row.entity))
      continue;
    // The engine answers only records in the reader's scope, redacted for them.
    const got = ctx.engine.records.get(row.entity, row.record_id, { actor, includeDeleted: true });
    if (!got.ok) continue;
    out.push({
      event: 'record',
      data: {
        type: row.type,
        entity: row.entity,
        id: row.record_id,
        at: row.created_at,
        record: got.record,
      },
    });
  }
  if (actor.userId) {
    const notes = ctx.db.sqlite
      .prepare(
        'SELECT id, kind, title, body, entity, record_id, payload, created_at FROM notifications WHERE user_id = ? AND id > ? ORDER BY id LIMIT 100',
      )
      .all(actor.userId, cursor.notification) as NotificationRow[];
    for (const n of notes) {
      cursor.notification = n.id;
      const view = {
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        entity: n.entity,
        recordId: n.record_id,
        payload: n.payload ? (JSON.parse(n.payload) as unknown) : null,
        createdAt: n.created_at,
      };
      out.push({ event: 'notification', data: ctx.engine.redact.notification(actor, view) });
    }
  }
  return out;
}

/** `GET /api/v1/events`: server-sent events for the signed-in reader (records they can see, their notifications). */
export function registerEventRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/events', (c) => {
    const actor = requireActor(c);
    const startSeq = (
      ctx.db.sqlite.prepare('SELECT coalesce(max(seq), 0) AS s FROM outbox').get() as { s: number }
    ).s;
    const lastEventId = Number(c.req.header('last-event-id'));
    const cursor = {
      seq: Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : startSeq,
      notification: '',
    };
    if (actor.userId) {
      const last = ctx.db.sqlite
        .prepare('SELECT max(id) AS id FROM notifications WHERE user_id = ?')
        .get(actor.userId) as { id: string | null };
      cursor.notification = last.id ?? '';
    }
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
        // Wakes the wait below so the closed stream ends now, not at the next poll.
        notifyChanges(ctx);
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq: cursor.seq }) });
      const pollMs = ctx.options.ssePollMs ?? POLL_MS;
      let quietSince = Date.now();
      while (open) {
        await nextChange(ctx, pollMs);
        if (!open) break;
        const events = eventsSince(ctx, actor, cursor);
        for (const e of events)
          await stream.writeSSE({
            event: e.event,
            data: JSON.stringify(e.data),
            id: String(cursor.seq),
          });
        if (events.length > 0) quietSince = Date.now();
        const quiet = Date.now() - quietSince;
        if (quiet >= HEARTBEAT_MS) {
          quietSince = Date.now();
          await stream.write(': keep-alive\n\n');
        }
      }
    });
  });
}
