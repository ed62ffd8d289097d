import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { engineProblem } from '../http/engine-result';
import { parsePage } from '../http/paging';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv } from '../types';
import { parseListQuery, readableEntity, viaOf } from './record-helpers';
import { withAttachmentRefs } from './file-refs';

const BASE = '/api/v1/records/:entity/:id';

/** Search, timeline, history and activities of records. */
export function registerRecordExtraRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/search', async (c) => {
    const actor = requireActor(c);
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    if (q === '')
      throw new HttpProblem(400, 'validation', {}, [{ path: '/q', code: 'required', message: '' }]);
    const found = await Promise.all(
      ((await ctx.spec())?.entities ?? [])
        .filter((e) => ctx.engine.permissions.can(actor, 'read', e.key))
        .map(async (e) => {
          const found = await ctx.engine.records.list(
            e.key,
            { search: q, limit: 10 },
            { actor, locale: localeOf(c) },
          );
          return { entity: e.key, items: found.ok ? found.records : [] };
        }),
    );
    const results = found.filter((r) => r.items.length > 0);
    return c.json({ results });
  });

  // The recycle bin: soft-deleted records the caller may restore (delete rights), newest first.
  app.get('/api/v1/records/:entity/deleted', async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    if (!ctx.engine.permissions.can(actor, 'delete', entity.key))
      throw new HttpProblem(403, 'forbidden');
    const query = parseListQuery(ctx, c, actor, entity);
    const result = await ctx.engine.records.listDeleted(entity.key, query, {
      actor,
      locale: localeOf(c),
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json({
      items: result.records,
      nextCursor: result.nextCursor ?? null,
    });
  });

  app.get(`${BASE}/timeline`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const result = await ctx.engine.timeline(entity.key, c.req.param('id'), {
      actor,
      locale: localeOf(c),
    });
    // The engine redacted the entries for the reader (hidden fields, quoted values in texts).
    if (!result.ok) throw engineProblem(result.error);
    return c.json({ items: result.entries });
  });

  app.get(`${BASE}/history`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const result = await ctx.engine.timeline(entity.key, c.req.param('id'), {
      actor,
      locale: localeOf(c),
    });
    if (!result.ok) throw engineProblem(result.error);
    const changes = result.entries.filter(
      (e) =>
        e.kind === 'created' ||
        e.kind === 'change' ||
        e.kind === 'assignment' ||
        e.kind === 'stage',
    );
    return c.json({ items: changes });
  });

  app.get(`${BASE}/activities`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const result = await ctx.engine.activities.list(entity.key, c.req.param('id'), {
      actor,
      locale: localeOf(c),
      ...parsePage(ctx, c),
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json({ items: result.activities, nextCursor: result.nextCursor });
  });

  app.post(`${BASE}/activities`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    const input = await withAttachmentRefs(ctx, actor, body);
    const result = await ctx.engine.activities.log(entity.key, c.req.param('id'), input as never, {
      actor,
      via: viaOf(c),
      locale: localeOf(c),
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.activity, 201);
  });
}
