import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { engineProblem } from '../http/engine-result';
import { invalidCursor, parsePage } from '../http/paging';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv } from '../types';
import type { NotificationView } from '@trellis/engine';
import { viaOf } from './record-helpers';

const STATUSES = new Set(['open', 'done', 'cancelled']);

/** Tasks (mine by default) and in-app notifications. */
export function registerTaskRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/tasks', async (c) => {
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
    const result = await ctx.engine.tasks.list(
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
    const result = await ctx.engine.tasks.create(
      {
        ...(body as object),
        assigneeId: typeof body.assigneeId === 'string' ? body.assigneeId : (actor.userId ?? null),
      } as never,
      { actor, via: viaOf(c), locale: localeOf(c) },
    );
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.task, 201);
  });

  app.patch('/api/v1/tasks/:id', async (c) => {
    const actor = requireActor(c);
    const { body } = await readObject(c);
    const opts = { actor, via: viaOf(c), locale: localeOf(c) } as const;
    let result;
    if (body.status === 'done') result = await ctx.engine.tasks.complete(c.req.param('id'), opts);
    else if ('assigneeId' in body)
      result = await ctx.engine.tasks.assign(
        c.req.param('id'),
        typeof body.assigneeId === 'string' ? body.assigneeId : null,
        { ...opts, ...(typeof body.dueAt === 'number' ? { dueAt: body.dueAt } : {}) },
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

  app.get('/api/v1/notifications', async (c) => {
    const actor = requireActor(c);
    const query = parsePage(ctx, c);
    if (!actor.userId) return c.json({ items: [], nextCursor: null, unread: 0 });
    const unreadOnly = c.req.query('unread') === '1';
    const page = await ctx.store.notifications.page(actor.userId, { unreadOnly }, query);
    if (!page) throw invalidCursor();
    const unread = await ctx.store.notifications.unreadCount(actor.userId);
    const items: NotificationView[] = [];
    for (const { userId: _userId, ...n } of page.items)
      items.push(await ctx.engine.redact.notification(actor, { ...n, payload: n.payload ?? null }));
    return c.json({ items, nextCursor: page.nextCursor, unread });
  });

  app.post('/api/v1/notifications/read-all', async (c) => {
    const actor = requireActor(c);
    await ctx.store.notifications.markAllRead(actor.userId ?? '', ctx.now());
    return c.body(null, 204);
  });

  app.post('/api/v1/notifications/:id/read', async (c) => {
    const actor = requireActor(c);
    const changed = await ctx.store.notifications.markRead(
      c.req.param('id'),
      actor.userId ?? '',
      ctx.now(),
    );
    if (!changed) throw new HttpProblem(404, 'not_found');
    return c.body(null, 204);
  });
}
