import type { Context, Hono } from 'hono';
import { CLIENT_GONE, clientGone } from '../http/count-reads';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { engineProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv, Actor } from '../types';
import { newId } from '@trellis/store';
import { fromSaved, viewByKey, viewsFor, type ViewDef } from '../views/view-def';
import { labelErrors, validateViewBody } from '../views/validate-view';
import { parseGroupParams } from './record-groups';
import { parseListQuery, SYSTEM_KEYS } from './record-helpers';

/** Both conditions when both are given (a view's filter and the caller's extra filter). */
const both = (a: unknown, b: unknown) =>
  a === undefined || a === null ? b : b === undefined || b === null ? a : { and: [a, b] };

/**
 * Views: the spec's and the caller's own saved views, runnable by key. `$user.id`,
 * `$user.teams`, `now` and `startOf` (today, this week, in `?tz=`) resolve on the server, and
 * the engine's permission scope applies on top of the view's filter.
 */
export function registerViewRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const saved = ctx.store.savedViews;
  const view = async (c: Context<AppEnv>, actor: Actor): Promise<ViewDef> => {
    const found = await viewByKey(ctx, actor, saved, c.req.param('key') ?? '');
    if (!found) throw new HttpProblem(404, 'not_found');
    return found;
  };
  const entityOf = async (key: string) => (await ctx.spec())?.entities.find((e) => e.key === key);
  const ownerOf = (actor: Actor) => {
    if (!actor.userId) throw new HttpProblem(403, 'forbidden');
    return actor.userId;
  };
  const checked = async (
    actor: Actor,
    entityKey: string,
    body: Record<string, unknown>,
    c: Context<AppEnv>,
  ) => {
    const entity = await entityOf(entityKey);
    if (!entity || !ctx.engine.permissions.can(actor, 'read', entity.key))
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/entity', code: 'invalid_value', message: '', params: { reason: 'entity' } },
      ]);
    const visible = new Set([
      ...SYSTEM_KEYS,
      ...ctx.engine.permissions.visibleFields(actor, entity.key),
    ]);
    const res = validateViewBody(body, entity, visible, localeOf(c));
    const errors = [...labelErrors(body.label), ...(res.ok ? [] : res.errors)];
    if (!res.ok || errors.length > 0) throw new HttpProblem(422, 'validation', {}, errors);
    return res.view;
  };

  app.get('/api/v1/views', async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await viewsFor(ctx, actor, saved) });
  });

  app.post('/api/v1/views', async (c) => {
    const actor = requireActor(c);
    const owner = ownerOf(actor);
    const { body } = await readObject(c);
    const entity = typeof body.entity === 'string' ? body.entity : '';
    const definition = await checked(actor, entity, body, c);
    const now = ctx.now();
    const row = {
      id: newId(),
      ownerId: owner,
      entity,
      label: String(body.label).trim(),
      definition,
      createdAt: now,
      updatedAt: now,
    };
    await saved.insert(row);
    return c.json(fromSaved(row), 201, { location: `/api/v1/views/${row.id}` });
  });

  app.get('/api/v1/views/:key', async (c) => c.json(await view(c, requireActor(c))));

  app.patch('/api/v1/views/:key', async (c) => {
    const actor = requireActor(c);
    const current = await view(c, actor);
    // The spec's views are changed in the builder (the spec), not here.
    if (current.kind !== 'saved') throw new HttpProblem(403, 'forbidden');
    const { body } = await readObject(c);
    const merged = { ...current, ...body };
    const definition = await checked(actor, current.entity, merged, c);
    const changed = await saved.update(
      ownerOf(actor),
      current.key,
      { label: String(merged.label).trim(), definition },
      ctx.now(),
    );
    const row = changed ? await saved.get(ownerOf(actor), current.key) : null;
    if (!row) throw new HttpProblem(404, 'not_found');
    return c.json(fromSaved(row));
  });

  app.delete('/api/v1/views/:key', async (c) => {
    const actor = requireActor(c);
    const current = await view(c, actor);
    if (current.kind !== 'saved') throw new HttpProblem(403, 'forbidden');
    await saved.remove(ownerOf(actor), current.key);
    return c.body(null, 204);
  });

  app.get('/api/v1/views/:key/records', async (c) => {
    const actor = requireActor(c);
    const v = await view(c, actor);
    const entity = (await entityOf(v.entity))!;
    const extra = parseListQuery(ctx, c, actor, entity);
    const read = () =>
      ctx.engine.records.list(
        v.entity,
        {
          ...extra,
          filter: both(v.filter, extra.filter),
          ...((extra.sort ?? v.sort) ? { sort: extra.sort ?? v.sort } : {}),
          limit: extra.limit ?? v.pageSize ?? 50,
        },
        { actor, locale: localeOf(c) },
      );
    // A list that counts its matches is a count read (http/count-reads.ts); a page alone is not.
    const result = extra.count
      ? await ctx.countReads.run(c.req.raw.signal, read, { first: true })
      : await read();
    if (result === CLIENT_GONE) return clientGone();
    if (!result.ok) throw engineProblem(result.error);
    return c.json({
      items: result.records,
      nextCursor: result.nextCursor ?? null,
      ...(result.total !== undefined ? { total: result.total } : {}),
    });
  });

  app.get('/api/v1/views/:key/groups', async (c) => {
    const actor = requireActor(c);
    const v = await view(c, actor);
    const extra = parseListQuery(ctx, c, actor, (await entityOf(v.entity))!);
    const params = parseGroupParams(c);
    const filter = both(v.filter, extra.filter);
    const by = params.by ?? (v.type === 'board' ? (v.groupBy ?? 'stage') : null);
    const result = await ctx.countReads.run(
      c.req.raw.signal,
      () =>
        ctx.engine.records.groups(
          v.entity,
          {
            by,
            sums: params.sums,
            ...(filter !== undefined ? { filter } : {}),
            ...(extra.search ? { search: extra.search } : {}),
            ...(extra.timeZone ? { timeZone: extra.timeZone } : {}),
          },
          { actor, locale: localeOf(c) },
        ),
      // Not grouped: a list's total (the web list's count), which takes a list's turn.
      { first: by === null },
    );
    if (result === CLIENT_GONE) return clientGone();
    if (!result.ok) throw engineProblem(result.error);
    return c.json({ groups: result.groups });
  });
}
