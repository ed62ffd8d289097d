import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { HttpProblem } from '../http/problem';
import type { Actor, AppEnv } from '../types';
import { SUPPORTED_LOCALES, type Locale } from '@trellis/spec';
import { nextChange, notifyChanges } from '../http/change-notifier';

// Streams wake on every committed write of this process (change-notifier); the poll only
// catches writes of other processes. Options limits.ssePollMs overrides it.
const POLL_MS = 5000;
const HEARTBEAT_MS = 15_000;

/** The events one reader may see since `seq`: record changes they can read (redacted) and their notifications. */
export async function eventsSince(
  ctx: ServerContext,
  actor: Actor,
  cursor: { after: string | null; notification: string | null },
) {
  const out: { event: string; data: unknown }[] = [];
  // The role model answers for the spec the engine read last: a long stream may outlive a publish.
  await ctx.spec();
  const rows = await ctx.store.outbox.since(cursor.after, 200);
  for (const row of rows) {
    cursor.after = row.cursor;
    if (!row.entity || !row.recordId || !ctx.engine.permissions.can(actor, 'read', row.entity))
      continue;
    // The engine answers only records in the reader's scope, redacted for them.
    const got = await ctx.engine.records.get(row.entity, row.recordId, {
      actor,
      includeDeleted: true,
    });
    if (!got.ok) continue;
    out.push({
      event: 'record',
      data: {
        type: row.type,
        entity: row.entity,
        id: row.recordId,
        at: row.createdAt,
        record: got.record,
      },
    });
  }
  if (actor.userId) {
    const notes = await ctx.store.notifications.since(actor.userId, cursor.notification, 100);
    for (const n of notes) {
      cursor.notification = n.cursor;
      const view = {
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        entity: n.entity,
        recordId: n.recordId,
        payload: n.payload ?? null,
        createdAt: n.createdAt,
      };
      out.push({ event: 'notification', data: await ctx.engine.redact.notification(actor, view) });
    }
  }
  return out;
}

/**
 * The language the stream renders notifications in: `?lang=` when given, else the request's
 * Accept-Language. A browser's EventSource sends no header of the page's choosing (only the
 * browser's own languages), so the web app names the language it shows in `?lang=`.
 */
function streamLocale(lang: string | undefined): Locale | null {
  if (lang === undefined) return null;
  if ((SUPPORTED_LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  throw new HttpProblem(400, 'invalid_value', { reason: 'lang' }, [
    {
      path: '/lang',
      code: 'invalid_value',
      message: '',
      params: { reason: `lang: ${SUPPORTED_LOCALES.join(' | ')}` },
    },
  ]);
}

/**
 * Where a stream resumes: the `Last-Event-ID` header of EventSource's own reconnect (the newest
 * id), else `?after=`, the last id a client saw on a stream it closed (a new EventSource cannot
 * send the header: the web app reopens the stream with `?after=` on a language switch). A value
 * the store could never have made is a 400 naming `/after`; none is the present.
 */
function resumeFrom(
  header: string | undefined,
  after: string | undefined,
  ok: (c: string) => boolean,
) {
  if (header && ok(header)) return header;
  if (after === undefined || after === '') return null;
  if (ok(after)) return after;
  throw new HttpProblem(400, 'invalid_value', { reason: 'after' }, [
    {
      path: '/after',
      code: 'invalid_value',
      message: '',
      params: { reason: 'after' },
    },
  ]);
}

/** `GET /api/v1/events?lang=&after=`: server-sent events for the signed-in reader (records they can see, their notifications). */
export function registerEventRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/events', async (c) => {
    const signedIn = requireActor(c);
    const lang = streamLocale(c.req.query('lang'));
    const actor: Actor = lang ? { ...signedIn, locale: lang } : signedIn;
    // The store's cursor (opaque: on PostgreSQL it names a transaction too); a header a client
    // makes up or kept from another database starts at the present instead.
    const resume = resumeFrom(c.req.header('last-event-id'), c.req.query('after'), (id) =>
      ctx.store.outbox.cursorOk(id),
    );
    const cursor = {
      after: resume ?? (await ctx.store.outbox.head()),
      // Notifications start at the present (their cursor is not in the event id).
      notification: actor.userId ? await ctx.store.notifications.head() : null,
    };
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
        // Wakes the wait below so the closed stream ends now, not at the next poll.
        notifyChanges(ctx);
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ cursor: cursor.after }) });
      const pollMs = ctx.options.ssePollMs ?? POLL_MS;
      let quietSince = Date.now();
      while (open) {
        await nextChange(ctx, pollMs);
        if (!open) break;
        const events = await eventsSince(ctx, actor, cursor);
        for (const e of events)
          await stream.writeSSE({
            event: e.event,
            data: JSON.stringify(e.data),
            id: cursor.after ?? '',
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
