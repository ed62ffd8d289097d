import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { automationForWatcher, runForWatcher, RUN_STATUSES, type RunStatus } from '@trellis/engine';
import { invalidCursor, parsePage } from '../http/paging';
import { HttpProblem, localeOf } from '../http/problem';
import type { Locale } from '../http/locale';
import { validateSpec, type AppSpec } from '@trellis/spec';
import type { ProblemError } from '../http/problem';
import type { Actor, AppEnv } from '../types';

function automationsOf(ctx: ServerContext) {
  const a = ctx.options.automations;
  if (!a) throw new HttpProblem(503, 'engine_unavailable', { feature: 'automations' });
  return a;
}

// Reading what automations did is the manager's job too (seed 000: the manager watches the
// process); changing or running them is not.
function requireWatch(ctx: ServerContext, actor: Actor): void {
  if (!ctx.engine.permissions.hasCapability(actor, 'monitor')) requireManage(ctx, actor);
}

function canManage(ctx: ServerContext, actor: Actor): boolean {
  return (
    ctx.engine.permissions.hasCapability(actor, 'manageAutomations') ||
    ctx.engine.permissions.hasCapability(actor, 'build')
  );
}

function requireManage(ctx: ServerContext, actor: Actor): void {
  if (!canManage(ctx, actor)) throw new HttpProblem(403, 'forbidden');
}

/** The builder's draft when it is a valid spec: 404 no_draft without one, 422 with its problems. */
async function validDraft(ctx: ServerContext, locale: Locale): Promise<AppSpec> {
  const draft = await ctx.store.specs.getDraft();
  if (!draft) throw new HttpProblem(404, 'no_draft');
  const checked = validateSpec(draft.spec, {
    locale,
    ...(ctx.options.outboundAllow ? { outboundAllow: ctx.options.outboundAllow } : {}),
  });
  if (!checked.ok)
    throw new HttpProblem(
      422,
      'validation',
      {},
      checked.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
    );
  return draft.spec as AppSpec;
}

/** Automations of the live spec, their run log, dry runs and manual runs. */
export function registerAutomationRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/automations', async (c) => {
    const actor = requireActor(c);
    requireWatch(ctx, actor);
    const items = (await ctx.spec())?.automations ?? [];
    return c.json({
      // Those who may change automations see them whole; a watcher not their robot tokens.
      items: canManage(ctx, actor) ? items : items.map(automationForWatcher),
      pending: (await ctx.options.automations?.pending()) ?? null,
    });
  });

  app.get('/api/v1/automations/runs', async (c) => {
    const actor = requireActor(c);
    requireWatch(ctx, actor);
    const q = c.req.query();
    const page = parsePage(ctx, c);
    if (q.status !== undefined && !(RUN_STATUSES as readonly string[]).includes(q.status))
      throw new HttpProblem(400, 'invalid_value', { reason: 'status' }, [
        {
          path: '/status',
          code: 'invalid_value',
          message: '',
          params: { reason: `status: ${RUN_STATUSES.join(' | ')}` },
        },
      ]);
    // Run rows carry the record's values (condition traces, results): builders see every run,
    // others only runs over records they can read now.
    const everything = ctx.engine.permissions.hasCapability(actor, 'build');
    const result = await automationsOf(ctx).runsPage(
      {
        ...(q.automation ? { automationKey: q.automation } : {}),
        ...(q.entity ? { entity: q.entity } : {}),
        ...(q.record ? { recordId: q.record } : {}),
        ...(q.status ? { status: q.status as RunStatus } : {}),
        ...page,
      },
      async (run) =>
        everything ||
        !run.entity ||
        !run.recordId ||
        (await ctx.engine.records.get(run.entity, run.recordId, { actor })).ok,
    );
    if (!result) throw invalidCursor();
    return c.json(
      canManage(ctx, actor) ? result : { ...result, items: result.items.map(runForWatcher) },
    );
  });

  // Delivery health: what left, what waits, what was refused or dead-lettered, and why.
  app.get('/api/v1/automations/deliveries', (c) => {
    requireManage(ctx, requireActor(c));
    return c.json(automationsOf(ctx).deliveryHealth());
  });

  app.post('/api/v1/automations/:key/test', async (c) => {
    const actor = requireActor(c);
    requireManage(ctx, actor);
    const { body } = await readObject(c);
    // `record: null` runs the trigger itself (a schedule's query picks the records).
    const input = ('record' in body ? body.record : body) as
      string | Record<string, unknown> | null;
    // `draft: true` tries the builder's draft (it must be valid), not the live version.
    const spec = body.draft === true ? await validDraft(ctx, localeOf(c)) : undefined;
    const result = await automationsOf(ctx).test(c.req.param('key'), input as never, {
      ...(body.previous ? { previous: body.previous as never } : {}),
      ...(spec ? { spec } : {}),
    });
    if (!result.ok) {
      const { code, params } = result.error;
      if (code === 'automation.unknown') throw new HttpProblem(404, 'not_found');
      if (code === 'action.recordGone') throw new HttpProblem(404, 'not_found');
      const reasons = Array.isArray(params?.errors)
        ? (params.errors as ProblemError[])
        : [{ path: result.error.path, code, message: result.error.message }];
      throw new HttpProblem(422, 'validation', {}, reasons);
    }
    // A run over a stored record shows its values (condition trace, chosen owner): only records
    // the caller may read. A named record they cannot read answers like a missing one; records a
    // schedule's query picked are left out. Sample values (created in the rolled-back
    // transaction, so no longer stored) are the caller's own.
    const readable = async (entity: string, id: string) =>
      (await ctx.engine.records.get(entity, id, { actor })).ok ||
      !(await ctx.engine.records.get(entity, id, { actor: { kind: 'system' } })).ok;
    const id = typeof input === 'string' ? input : typeof input?.id === 'string' ? input.id : null;
    const runs = [];
    for (const run of result.runs) {
      const ok = !run.entity || !run.recordId || (await readable(run.entity, run.recordId));
      if (!ok && id !== null && run.recordId === id) throw new HttpProblem(404, 'not_found');
      if (ok) runs.push(run);
    }
    return c.json({ ...result, runs });
  });

  app.post('/api/v1/automations/:key/run', async (c) => {
    const actor = requireActor(c);
    const { body } = await readObject(c);
    const ids = Array.isArray(body.recordIds)
      ? body.recordIds.filter((x): x is string => typeof x === 'string').slice(0, 500)
      : [];
    if (ids.length === 0)
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/recordIds', code: 'required', message: '' },
      ]);
    const automation = (await ctx.spec())?.automations?.find((a) => a.key === c.req.param('key'));
    const entity = automation?.on.type === 'manual' ? automation.on.entity : null;
    // A manual run acts on records the person may update; others answer like missing ones.
    if (!entity) throw new HttpProblem(404, 'not_found');
    for (const id of ids) {
      const r = await ctx.engine.records.get(entity, id, { actor });
      if (!r.ok || !ctx.engine.permissions.can(actor, 'update', entity, r.record))
        throw new HttpProblem(404, 'not_found');
    }
    const result = await automationsOf(ctx).runManual(c.req.param('key'), ids, actor);
    if (!result.ok && result.error.code === 'automation.forbidden')
      throw new HttpProblem(403, 'forbidden', {}, [result.error]);
    if (!result.ok) throw new HttpProblem(422, 'validation', {}, [result.error]);
    return c.json(result, 202);
  });
}
