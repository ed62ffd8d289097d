import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { readObject } from '../http/body';
import { CLIENT_GONE, clientGone } from '../http/count-reads';
import { engineProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv } from '../types';
import { withFileRefs } from './file-refs';
import { parseListQuery, readableEntity, viaOf } from './record-helpers';

const BASE = '/api/v1/records/:entity';

/**
 * Records CRUD, list, stage change and restore — all through the engine's one write path. The
 * engine authorizes, refuses hidden and read-only fields and answers redacted records and errors.
 */
export function registerRecordRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const { engine } = ctx;

  app.get(BASE, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const query = parseListQuery(ctx, c, actor, entity);
    const read = () => engine.records.list(entity.key, query, { actor, locale: localeOf(c) });
    // A list that counts its matches is a count read (http/count-reads.ts); a page alone is not.
    const result = query.count
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

  app.post(BASE, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    // Readers without the create right are told so (the engine would answer not found).
    if (!ctx.engine.permissions.can(actor, 'create', entity.key))
      throw new HttpProblem(403, 'forbidden');
    const values = await withFileRefs(ctx, actor, entity.key, body);
    const result = await engine.records.create(entity.key, values, {
      actor,
      via: viaOf(c),
      locale: localeOf(c),
      mode: 'interactive',
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.record, 201, {
      location: `/api/v1/records/${entity.key}/${String(result.record.id)}`,
    });
  });

  app.get(`${BASE}/:id`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const result = await engine.records.get(entity.key, c.req.param('id'), {
      actor,
      locale: localeOf(c),
    });
    if (!result.ok) throw new HttpProblem(404, 'not_found');
    return c.json(result.record);
  });

  app.patch(`${BASE}/:id`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    const { version, ...values } = body;
    if (typeof version !== 'number' || !Number.isInteger(version))
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/version', code: 'version_required', message: '' },
      ]);
    const resolved = await withFileRefs(ctx, actor, entity.key, values);
    const result = await engine.records.update(entity.key, c.req.param('id'), resolved, {
      actor,
      via: viaOf(c),
      locale: localeOf(c),
      version,
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.record);
  });

  app.delete(`${BASE}/:id`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const v = c.req.query('version');
    const version = v === undefined ? undefined : Number(v);
    if (version !== undefined && !Number.isInteger(version))
      throw new HttpProblem(400, 'invalid_value', { reason: 'version' }, [
        { path: '/version', code: 'invalid_value', message: '', params: { reason: 'version' } },
      ]);
    const result = await engine.records.remove(entity.key, c.req.param('id'), {
      actor,
      via: viaOf(c),
      locale: localeOf(c),
      ...(version !== undefined ? { version } : {}),
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.body(null, 204);
  });

  app.post(`${BASE}/:id/restore`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const result = await engine.records.restore(entity.key, c.req.param('id'), {
      actor,
      via: viaOf(c),
      locale: localeOf(c),
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.record);
  });

  app.post(`${BASE}/:id/stage`, async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    if (typeof body.stage !== 'string' || body.stage.length > 64)
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/stage', code: 'required', message: '' },
      ]);
    const version = typeof body.version === 'number' ? body.version : undefined;
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 500) : undefined;
    // Fields the target stage requires may be filled in the same write (the move dialog).
    const values = await withFileRefs(
      ctx,
      actor,
      entity.key,
      typeof body.values === 'object' && body.values !== null && !Array.isArray(body.values)
        ? (body.values as Record<string, unknown>)
        : undefined,
      '/values',
    );
    const stage = body.stage;
    const result = await engine.records.changeStage(entity.key, c.req.param('id'), stage, {
      actor,
      via: viaOf(c),
      locale: localeOf(c),
      ...(version !== undefined ? { version } : {}),
      ...(reason ? { reason } : {}),
      ...(values ? { values } : {}),
    });
    if (!result.ok) throw engineProblem(result.error);
    return c.json(result.record);
  });
}
