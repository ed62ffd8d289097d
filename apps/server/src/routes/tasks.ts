import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { writeTx } from '../http/write-tx';
import { engineProblem } from '../http/engine-result';
import { invalidCursor, parsePage } from '../http/paging';
import { HttpProblem, localeOf } from '../http/problem';
import { keysetPage } from '@trellis/store';
import type { AppEnv } from '../types';
import type { NotificationView } from '@trellis/engine';
import { viaOf } from './record-helpers';

const STATUSES = new Set(['open', 'done', 'cancelled']);

type NotificationRow = {
  [column: string]: unknown;
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: string | null;
  payload: string | null;
  created_at: number;
  read_at: number | null;
};

/** Tasks (mine by default) and in-app notifications. */
export function registerTaskRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/tasks', (c) => {
    const actor = requireActor(c);
    const status = c.req.query('status');
    if (status !== undefined && !STATUSES.has(status))
      throw new HttpProblem(400, 'invalid_value', { reason: 'status' }, [
        { path: '/status', code: 'invalid_value', message: '', params: { reason: 'status' } },
      ]);
    // Others' tasks only for those who may reassign work.
    const assignee = c.req.query('assignee');
    const assigneeId =
      assignee && ctx.engine.permissions.hasCapability(actor, 'reassign') ? assignee : actor.userId;
    const page = parsePage(ctx, c);
    const result = ctx.engine.tasks.list(
      {
        ...(assigneeId ? { assigneeId } : {}),
        ...(status ? { status: status as 'open' } : {}),
        ...page,
      },
      { actor, locale: localeOf(c) },
    );
    // The engine masked what automation-made titles quote from fields hidden from the reader.
    if (!result.ok) throw engineProblem(result.error);
    return c.json({ items: result.tasks, nextCursor: result.nextCursor });
  });

  app.post('/api/v1/tasks', async (c) => {
    const actor = requireActor(c);
    const { body } = await readObject(c);
    const result = writeTx(ctx.db, () =>
      ctx.engine.tasks.create(
        {
          ...(body as object),
          assigneeId:
            typeof body.assigneeId === 'string' ? body.assigneeId : (actor.userId ?? null),
        } as never,
        { actor, via: viaOf(c), locale: localeOf(c) },
      ),
    );
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.task, 201);
  });

  app.patch('/api/v1/tasks/:id', async (c) => {
    const actor = requireActor(c);
    const { body } = await readObject(c);
    const opts = { actor, via: viaOf(c), locale: localeOf(c) } as const;
    let result;
    if (body.status === 'done')
      result = writeTx(ctx.db, () => ctx.engine.tasks.complete(c.req.param('id'), opts));
    else if ('assigneeId' in body)
      result = writeTx(ctx.db, () =>
        ctx.engine.tasks.assign(
          c.req.param('id'),
          typeof body.assigneeId === 'string' ? body.assigneeId : null,
          { ...opts, ...(typeof body.dueAt === 'number' ? { dueAt: body.dueAt } : {}) },
        ),
      );
    else
      throw new HttpProblem(422, 'validation', {}, [
        {
          path: '/status',
          code: 'invalid_value',
          message: '',
          params: { reason: 'status: done | assigneeId' },
        },
      ]);
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.task);
  });

  app.get('/api/v1/notifications', (c) => {
    const actor = requireActor(c);
    const query = parsePage(ctx, c);
    if (!actor.userId) return c.json({ items: [], nextCursor: null, unread: 0 });
    const unreadOnly = c.req.query('unread') === '1';
    const page = keysetPage<NotificationRow>(ctx.db, {
      from: 'notifications',
      where: ['user_id = ?', ...(unreadOnly ? ['read_at IS NULL'] : [])],
      params: [actor.userId],
      keys: [
        { column: 'created_at', dir: 'desc', notNull: true },
        { column: 'id', dir: 'desc', notNull: true },
      ],
      ...query,
      signature: 'notifications',
    });
    if (!page) throw invalidCursor();
    const unread = (
      ctx.db.sqlite
        .prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL')
        .get(actor.userId) as { n: number }
    ).n;
    const items = page.items.map((r) =>
      ctx.engine.redact.notification(actor, {
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        entity: r.entity,
        recordId: r.record_id,
        payload: r.payload ? (JSON.parse(r.payload) as unknown) : null,
        createdAt: r.created_at,
        readAt: r.read_at,
      } as NotificationView),
    );
    return c.json({ items, nextCursor: page.nextCursor, unread });
  });

  app.post('/api/v1/notifications/read-all', (c) => {
    const actor = requireActor(c);
    ctx.db.sqlite
      .prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL')
      .run(ctx.now(), actor.userId ?? '');
    return c.body(null, 204);
  });

  app.post('/api/v1/notifications/:id/read', (c) => {
    const actor = requireActor(c);
    const changed = ctx.db.sqlite
      .prepare(
        'UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?',
      )
      .run(ctx.now(), c.req.param('id'), actor.userId ?? '').changes;
    if (changed === 0) throw new HttpProblem(404, 'not_found');
    return c.body(null, 204);
  });
}
