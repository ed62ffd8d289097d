import type { ReportQuery } from '@trellis/engine';
import type { WidgetSpec } from '@trellis/spec';
import type { Context, Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { CLIENT_GONE, clientGone } from '../http/count-reads';
import { engineProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import { readObject } from '../http/body';
import type { AppEnv } from '../types';

/** `?from=&to=&team=&owner=&tz=` (or the X-Time-Zone header); the engine checks them. */
function reportQuery(c: Context<AppEnv>): ReportQuery {
  const q: ReportQuery = {};
  for (const key of ['from', 'to', 'team', 'owner'] as const) {
    const v = c.req.query(key);
    if (v) q[key] = v.slice(0, 100);
  }
  const tz = c.req.query('tz') || c.req.header('x-time-zone');
  if (tz) q.timeZone = tz.slice(0, 100);
  return q;
}

/**
 * Dashboards (docs/reports.md): the list the caller may read, one dashboard with every widget,
 * one widget. Numbers are scoped by the caller's role; each carries the filter of its records.
 */
export function registerDashboardRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/dashboards', async (c) => {
    const actor = requireActor(c);
    const r = await ctx.engine.reports.list({ actor, locale: localeOf(c) });
    if (!r.ok) throw engineProblem(r.error);
    return c.json({ dashboards: r.dashboards });
  });
  app.get('/api/v1/dashboards/:key', async (c) => {
    const actor = requireActor(c);
    const r = await ctx.countReads.run(c.req.raw.signal, () =>
      ctx.engine.reports.dashboard(c.req.param('key'), reportQuery(c), {
        actor,
        locale: localeOf(c),
      }),
    );
    if (r === CLIENT_GONE) return clientGone();
    if (!r.ok) throw engineProblem(r.error);
    return c.json(r.dashboard);
  });
  // The builder's preview of a widget in its draft, over the live data (build capability).
  app.post('/api/v1/dashboards/preview', async (c) => {
    const actor = requireActor(c);
    if (!ctx.engine.permissions.hasCapability(actor, 'build'))
      throw new HttpProblem(403, 'forbidden');
    const { body } = await readObject(c);
    const r = await ctx.engine.reports.preview(
      body.widget as WidgetSpec,
      reportQuery(c),
      { actor, locale: localeOf(c) },
      draftDashboard(body.dashboard),
    );
    if (!r.ok) throw engineProblem(r.error);
    return c.json({ ...r.widget, readers: r.readers });
  });
  app.get('/api/v1/dashboards/:key/widgets/:widget', async (c) => {
    const actor = requireActor(c);
    const r = await ctx.countReads.run(c.req.raw.signal, () =>
      ctx.engine.reports.widget(c.req.param('key'), c.req.param('widget'), reportQuery(c), {
        actor,
        locale: localeOf(c),
      }),
    );
    if (r === CLIENT_GONE) return clientGone();
    if (!r.ok) throw engineProblem(r.error);
    return c.json(r.widget);
  });
}

/** The draft dashboard a previewed widget sits on (its key and roles), ignoring what is not. */
function draftDashboard(v: unknown): { key?: string; roles?: string[] } | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const { key, roles } = v as { key?: unknown; roles?: unknown };
  return {
    ...(typeof key === 'string' ? { key } : {}),
    ...(Array.isArray(roles) ? { roles: roles.filter((r) => typeof r === 'string') } : {}),
  };
}
