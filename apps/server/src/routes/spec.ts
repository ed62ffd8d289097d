import type { Context, Hono } from 'hono';
import type { AppSpec } from '@trellis/spec';
import type { MigrationPlan } from '@trellis/store';
import type { Locale } from '../http/locale';
import { managersLostBy } from '../auth/publish-keeping-managers';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { message } from '../http/messages';
import { HttpProblem, localeOf, problemBody, problemResponse } from '../http/problem';
import type { ProblemError } from '../http/problem';
import type { Actor, AppEnv } from '../types';

function requireBuild(ctx: ServerContext, actor: Actor): void {
  if (!ctx.engine.permissions.hasCapability(actor, 'build'))
    throw new HttpProblem(403, 'forbidden');
}

const asErrors = (errors: { path: string; code: string; message: string }[]): ProblemError[] =>
  errors.map((e) => ({ path: e.path, code: e.code, message: e.message }));

/** The spec: live version, the builder's draft, migration-plan preview, publish, versions, restore. */
export function registerSpecRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const versions = ctx.store.specs;
  // What publishing would refuse, told before: roles that leave nobody able to manage users.
  const refusedRoles = (plan: MigrationPlan, locale: Locale) =>
    managersLostBy(
      ctx.store,
      plan.from as unknown as AppSpec | null,
      plan.to as unknown as AppSpec,
      locale,
    );
  // The operator's allowlist of internal targets, for the spec check of automation URLs.
  const allow = ctx.options.outboundAllow ? { outboundAllow: ctx.options.outboundAllow } : {};

  app.get('/api/v1/spec', async (c) => {
    const actor = requireActor(c);
    const live = await versions.live();
    if (
      !live ||
      ctx.engine.permissions.hasCapability(actor, 'build') ||
      ctx.engine.permissions.hasCapability(actor, 'manageAutomations')
    )
      return c.json({ version: live?.version ?? null, spec: live?.spec ?? null });
    // Integration settings are for builders: robot URLs carry access tokens, callWebhook headers
    // may carry credentials. Everyone else gets what the app needs to render entities, forms and views.
    const { automations: _automations, webhookSources: _sources, ...shown } = live.spec;
    return c.json({ version: live.version, spec: shown });
  });

  app.get('/api/v1/spec/draft', async (c) => {
    requireBuild(ctx, requireActor(c));
    const draft = await versions.getDraft();
    // No draft is a normal state: the answer says how to start one and from which live version.
    if (!draft)
      return problemResponse(
        {
          ...problemBody(404, 'no_draft', localeOf(c), {}, [], c.req.path),
          revision: 0,
          liveVersion: await versions.liveVersion(),
        },
        404,
      );
    c.header('etag', `"${draft.updatedAt}"`);
    return c.json(withRevision(draft));
  });

  // If-Match carries the revision the builder loaded: a save over someone else's newer save is
  // refused (409) instead of silently replacing it. Without If-Match the save is unconditional.
  app.put('/api/v1/spec/draft', async (c) => {
    const actor = requireActor(c);
    requireBuild(ctx, actor);
    const ifRevision = ifMatch(c);
    const { body } = await readObject(c);
    const saved = await versions.saveDraft(body, {
      by: actor.userId ?? null,
      now: ctx.now(),
      ...(ifRevision !== undefined ? { ifRevision } : {}),
    });
    if (!saved.ok) throw draftConflict(c);
    // Drafts may be invalid while being edited; the preview tells what publishing would say.
    const preview = await versions.preview(body, { locale: localeOf(c), ...allow });
    const errors = preview.ok ? await refusedRoles(preview.plan, localeOf(c)) : preview.errors;
    c.header('etag', `"${saved.draft.updatedAt}"`);
    return c.json({ draft: withRevision(saved.draft), valid: errors.length === 0, errors });
  });

  app.delete('/api/v1/spec/draft', async (c) => {
    requireBuild(ctx, requireActor(c));
    const ifRevision = ifMatch(c);
    const current = await versions.getDraft();
    if (ifRevision !== undefined && (current?.updatedAt ?? 0) !== ifRevision)
      throw draftConflict(c);
    await versions.discardDraft();
    return c.body(null, 204);
  });

  app.post('/api/v1/spec/draft/plan', async (c) => {
    requireBuild(ctx, requireActor(c));
    const { body } = await readObject(c, { optional: true });
    const preview = await versions.preview(body.spec, { locale: localeOf(c), ...allow });
    if (!preview.ok) throw new HttpProblem(422, 'validation', {}, asErrors(preview.errors));
    const lost = await refusedRoles(preview.plan, localeOf(c));
    if (lost.length > 0) throw new HttpProblem(422, 'validation', {}, asErrors(lost));
    // Both full specs (plan.from, plan.to) are ~90 KB the client already has: only on ?specs=1.
    if (c.req.query('specs') === '1') return c.json(preview);
    const { from: _from, to: _to, ...plan } = preview.plan;
    return c.json({ ...preview, plan });
  });

  app.post('/api/v1/spec/publish', async (c) => {
    const actor = requireActor(c);
    requireBuild(ctx, actor);
    const { body } = await readObject(c, { optional: true });
    const ifRevision = ifMatch(c);
    // Refused (422, under the role) when its roles would leave nobody able to manage users.
    const result = await ctx.publishSpec({
      opts: {
        ...(body.spec !== undefined ? { spec: body.spec } : {}),
        ...(ifRevision !== undefined && body.spec === undefined
          ? { ifDraftRevision: ifRevision }
          : {}),
        by: actor.userId ?? null,
        note: typeof body.note === 'string' ? body.note.slice(0, 500) : null,
        resolutions: (body.resolutions ?? {}) as never,
        locale: localeOf(c),
        now: ctx.now(),
        ...allow,
      },
    });
    if (!result.ok && result.errors.some((e) => e.code === 'draft_changed')) throw draftConflict(c);
    // A refused migration lists what needs a resolution; POST /spec/draft/plan shows the plan.
    if (!result.ok) throw new HttpProblem(422, 'validation', {}, asErrors(result.errors));
    return publishAnswer(c, result);
  });

  app.get('/api/v1/spec/versions', async (c) => {
    requireBuild(ctx, requireActor(c));
    return c.json({ items: await versions.list() });
  });

  app.get('/api/v1/spec/versions/:version', async (c) => {
    requireBuild(ctx, requireActor(c));
    const v = await versions.get(Number(c.req.param('version')));
    if (!v) throw new HttpProblem(404, 'not_found');
    return c.json(v);
  });

  app.post('/api/v1/spec/versions/:version/restore', async (c) => {
    const actor = requireActor(c);
    requireBuild(ctx, actor);
    const { body } = await readObject(c, { optional: true });
    const result = await ctx.publishSpec({
      restore: Number(c.req.param('version')),
      opts: {
        by: actor.userId ?? null,
        resolutions: (body.resolutions ?? {}) as never,
        locale: localeOf(c),
        now: ctx.now(),
        ...allow,
      },
    });
    if (!result.ok) throw new HttpProblem(422, 'validation', {}, asErrors(result.errors));
    return publishAnswer(c, result);
  });
}

/** 201 with the new version; 200 with the live one when the spec was unchanged (nothing created). */
function publishAnswer(
  c: Context<AppEnv>,
  result: { version: number; summary: unknown; changes: unknown; unchanged: boolean },
): Response {
  return c.json(
    {
      version: result.version,
      unchanged: result.unchanged,
      summary: result.summary,
      changes: result.changes,
    },
    result.unchanged ? 200 : 201,
  );
}

/** The draft as the API shows it: `revision` is what If-Match takes (the store's updatedAt). */
function withRevision<D extends { updatedAt: number }>(draft: D): D & { revision: number } {
  return { ...draft, revision: draft.updatedAt };
}

/** The revision of an If-Match header (`"123"`, `W/"123"` or `123`; `"0"`: no draft yet). */
function ifMatch(c: Context<AppEnv>): number | undefined {
  const raw = c.req.header('if-match');
  if (raw === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,16})"?\s*$/.exec(raw);
  if (!m)
    throw new HttpProblem(
      400,
      'invalid_value',
      {},
      [],
      {},
      message('invalid_if_match', localeOf(c)),
    );
  return Number(m[1]);
}

function draftConflict(c: Context<AppEnv>): HttpProblem {
  return new HttpProblem(409, 'conflict', {}, [], {}, message('draft_conflict', localeOf(c)));
}
