import type { Context, Hono } from 'hono';
import type { EngineError } from '../engine-port';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { engineProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv } from '../types';
import { guardLastUserManager } from './users';
import { readableEntity, viaOf } from './record-helpers';

const MAX_IDS = 500;
const bad = (path: string, code: string, params: Record<string, unknown> = {}) =>
  new HttpProblem(422, 'validation', {}, [{ path, code, message: '', params }]);

/** An ownership refusal: a record the caller can read but may not move answers 403 with why. */
function problem(error: EngineError): HttpProblem {
  if (error.code === 'forbidden')
    return new HttpProblem(403, 'forbidden', {}, [], {}, error.message);
  return engineProblem(error);
}

const text = (v: unknown, path: string, max = 1000): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > max) throw bad(path, 'invalid_value', { max });
  return v;
};

function note(v: unknown): Record<string, unknown> | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw bad('/note', 'invalid_value');
  for (const k of ['needs', 'risks', 'open'])
    if (k in v) {
      const items = (v as Record<string, unknown>)[k];
      if (!Array.isArray(items) || items.length > 20 || items.some((s) => typeof s !== 'string'))
        throw bad(`/note/${k}`, 'invalid_value');
    }
  return v as Record<string, unknown>;
}

function optsOf(c: Context<AppEnv>) {
  return { actor: requireActor(c), via: viaOf(c), locale: localeOf(c) };
}

/**
 * Handovers, the public pool (公海), "a rep leaves" and the ownership ledger (docs/api.md):
 * every owner change goes through engine.ownership and its ledger.
 */
export function registerOwnershipRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post('/api/v1/records/:entity/handover', async (c) => {
    const { entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    const ids = body.ids;
    if (!Array.isArray(ids) || ids.length === 0) throw bad('/ids', 'required');
    if (ids.length > MAX_IDS) throw bad('/ids', 'too_many', { max: MAX_IDS });
    if (ids.some((id) => typeof id !== 'string' || id.length > 64))
      throw bad('/ids', 'invalid_value');
    const r = await ctx.engine.ownership.handover(
      entity.key,
      ids as string[],
      {
        to: text(body.to, '/to', 64) ?? '',
        reason: text(body.reason, '/reason'),
        note: note(body.note),
      },
      optsOf(c),
    );
    if (!r.ok) throw problem(r.error);
    return c.json({ handovers: r.handovers });
  });

  app.get('/api/v1/handovers', async (c) => {
    const r = await ctx.engine.ownership.pending(optsOf(c));
    return c.json({ items: r.handovers });
  });

  app.post('/api/v1/handovers/:id/accept', async (c) => {
    const r = await ctx.engine.ownership.accept(c.req.param('id'), optsOf(c));
    if (!r.ok) throw problem(r.error);
    return c.json({ handover: r.handover });
  });

  app.post('/api/v1/handovers/:id/decline', async (c) => {
    const { body } = await readObject(c);
    const r = await ctx.engine.ownership.decline(
      c.req.param('id'),
      text(body.reason, '/reason'),
      optsOf(c),
    );
    if (!r.ok) throw problem(r.error);
    return c.json({ handover: r.handover });
  });

  app.get('/api/v1/records/:entity/:id/ownership', async (c) => {
    const { entity } = await readableEntity(ctx, c);
    const r = await ctx.engine.ownership.ledger(entity.key, c.req.param('id'), optsOf(c));
    if (!r.ok) throw problem(r.error);
    return c.json({ items: r.changes });
  });

  app.get('/api/v1/pool/:entity', async (c) => {
    const { entity } = await readableEntity(ctx, c);
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw bad('/limit', 'invalid_value', { max: 200 });
    const q = c.req.query('q');
    const r = await ctx.engine.ownership.pool(
      entity.key,
      { limit, cursor: c.req.query('cursor') ?? null, ...(q ? { search: q } : {}) },
      optsOf(c),
    );
    if (!r.ok) throw problem(r.error);
    return c.json({ items: r.records, fields: r.fields, nextCursor: r.nextCursor, total: r.total });
  });

  app.post('/api/v1/records/:entity/:id/claim', async (c) => {
    const { entity } = await readableEntity(ctx, c);
    const r = await ctx.engine.ownership.claim(entity.key, c.req.param('id'), optsOf(c));
    if (!r.ok) throw problem(r.error);
    return c.json(r.record);
  });

  app.post('/api/v1/records/:entity/:id/release', async (c) => {
    const { entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    const r = await ctx.engine.ownership.release(
      entity.key,
      c.req.param('id'),
      text(body.reason, '/reason'),
      optsOf(c),
    );
    if (!r.ok) throw problem(r.error);
    return c.json(r.record);
  });

  const leaveInput = async (c: Context<AppEnv>) => {
    const { body } = await readObject(c);
    const to = body.to;
    if (!Array.isArray(to) || to.length === 0) throw bad('/to', 'required');
    if (to.length > 50 || to.some((u) => typeof u !== 'string' || u.length > 64))
      throw bad('/to', 'invalid_value');
    return { to: to as string[], reason: text(body.reason, '/reason'), note: note(body.note) };
  };

  // "A rep leaves" is how a person is let go (the users page deactivates them after it): never
  // the last one who can manage users, refused before anything moves. Asked only of a caller
  // the engine lets run it (`reassign`); anyone else gets the engine's 403 as before.
  const guardLeaver = async (c: Context<AppEnv>, idOrLogin: string) => {
    if (!ctx.engine.permissions.hasCapability(requireActor(c), 'reassign')) return;
    const row = (await ctx.users.byId(idOrLogin)) ?? (await ctx.users.byLogin(idOrLogin));
    if (row) await guardLastUserManager(ctx, row, { status: 'disabled' }, null);
  };

  app.post('/api/v1/users/:id/leave/preview', async (c) => {
    const input = await leaveInput(c);
    await guardLeaver(c, c.req.param('id'));
    const r = await ctx.engine.ownership.planLeave(c.req.param('id'), input, optsOf(c));
    if (!r.ok) throw problem(r.error);
    const { ok: _ok, ...plan } = r;
    return c.json(plan);
  });

  app.post('/api/v1/users/:id/leave', async (c) => {
    const input = await leaveInput(c);
    await guardLeaver(c, c.req.param('id'));
    const r = await ctx.engine.ownership.leave(c.req.param('id'), input, optsOf(c));
    if (!r.ok) throw problem(r.error);
    const { ok: _ok, ...done } = r;
    return c.json(done);
  });
}
