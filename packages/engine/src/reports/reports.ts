import {
  getEntity,
  getPipeline,
  localize,
  validateSpec,
  type AppSpec,
  type DashboardSpec,
  type WidgetSpec,
} from '@trellis/spec';
import type { Failure } from '../i18n/errors';
import type { Capability } from '../permissions/types';
import type { Actor, Locale } from '../ports';
import { dashboardReaders, mayViewDashboard } from './access';
import { labeller } from './labels';
import { and, eq } from './logic';
import { reportText } from './messages';
import { relatedVisible } from '../records/related-scope';
import { withCooldownOf } from '../records/cooldown';
import { DEFAULT_TIMEZONE } from '../automations/triggers/schedule';
import { checkQuery } from './params';
import { previousRange, rangeOf, windowRange } from './period';
import type {
  DashboardReport,
  DashboardSummary,
  ReportDeps,
  ReportOptions,
  ReportQuery,
  WidgetCtx,
  WidgetReport,
} from './types';
import { WIDGETS } from './widgets/registry';

export type ReportsApi = {
  /** The dashboards the actor may read (any widget's entity readable), the role's default first. */
  list(
    opts: ReportOptions,
  ): Promise<{ ok: true; dashboards: (DashboardSummary & { default: boolean })[] } | Failure>;
  /** Every widget of one dashboard for the query's period, team and owner. */
  dashboard(
    key: string,
    q: ReportQuery,
    opts: ReportOptions,
  ): Promise<{ ok: true; dashboard: DashboardReport } | Failure>;
  /**
   * A widget not (yet) on any published dashboard — the builder's preview of a draft widget —
   * over the live spec and data, scoped like any other; `validation` naming its problems
   * (paths under `/widget`) when the live spec could not hold it. The numbers are the
   * builder's; `readers` names the roles that may open the draft dashboard `on` (its key and
   * roles), each of which sees only the records it may read.
   */
  preview(
    widget: WidgetSpec,
    q: ReportQuery,
    opts: ReportOptions,
    on?: { key?: string; roles?: string[] },
  ): Promise<{ ok: true; widget: WidgetReport; readers: string[] } | Failure>;
  /** One widget of a dashboard. */
  widget(
    dashboard: string,
    widget: string,
    q: ReportQuery,
    opts: ReportOptions,
  ): Promise<{ ok: true; widget: WidgetReport } | Failure>;
};

const notFound = (locale: Locale, key: string, params: Record<string, unknown>): Failure => ({
  ok: false,
  error: { code: 'not_found', message: reportText(locale, key, params), errors: [] },
});

/** The entity a widget reports on (dataHealth may name none: the first entity with a pipeline). */
function entityOf(spec: AppSpec, w: WidgetSpec): string | null {
  return w.entity ?? spec.pipelines?.[0]?.entity ?? spec.entities[0]?.key ?? null;
}

/** Reports and dashboards over the store's reporting repository, scoped by the role model. */
export function createReports(deps: ReportDeps): ReportsApi {
  const readable = (actor: Actor, entity: string) =>
    deps.permissions.check(actor, 'read', entity).allowed;
  const mayView = (spec: AppSpec, actor: Actor, d: DashboardSpec) =>
    mayViewDashboard(spec, actor, d, deps.hasCapability ?? (() => true));

  function summary(d: DashboardSpec, locale: Locale): DashboardSummary {
    return {
      key: d.key,
      label: localize(d.label, locale),
      description: d.description ? localize(d.description, locale) : null,
      widgets: d.widgets.map((w) => ({
        key: w.key,
        type: w.type,
        title: localize(w.title, locale),
        span: w.span ?? 6,
      })),
    };
  }

  async function run(
    spec: AppSpec,
    d: DashboardSpec,
    w: WidgetSpec,
    q: ReportQuery,
    opts: ReportOptions,
  ): Promise<WidgetReport & { span: number }> {
    const locale = opts.locale ?? opts.actor.locale ?? deps.locale;
    const timeZone = q.timeZone ?? DEFAULT_TIMEZONE;
    const now = deps.clock.now();
    const entity = entityOf(spec, w);
    // Before/after over all time has no period before it to compare with: unless told otherwise
    // it compares the last 30 days with the 30 before.
    const period = w.period ?? (w.type === 'beforeAfter' && !w.after ? '30d' : undefined);
    const range =
      q.from || q.to
        ? rangeOf(q.from ?? null, q.to ?? null, timeZone)
        : period
          ? windowRange(period, now, timeZone)
          : rangeOf(null, null, timeZone);
    const previous = previousRange(range, timeZone);
    const head = {
      key: w.key,
      type: w.type,
      title: localize(w.title, locale),
      entity,
      span: w.span ?? 6,
      period: {
        from: range.fromDay,
        to: range.toDay,
        previous: previous ? { from: previous.fromDay!, to: previous.toDay! } : null,
      },
    };
    const actor = opts.actor;
    const hidden = new Set(entity ? (deps.hiddenFields?.(actor, entity) ?? []) : []);
    const uses = [w.via ?? w.field, w.split, w.measure?.field, ...(w.fields ?? [])].filter(
      (f): f is string => !!f,
    );
    if (
      !entity ||
      !readable(actor, entity) ||
      uses.some((f) => hidden.has(f)) ||
      hiddenThrough(spec, actor, entity, w)
    )
      return { ...head, columns: [], rows: [], note: reportText(locale, 'noAccess') };
    const user = actor.userId
      ? { id: actor.userId, teams: [...(actor.teams ?? [])], roles: actor.role ? [actor.role] : [] }
      : undefined;
    // The list a number opens reads with the handover cooldown of its entity (records/call.ts);
    // so do the reports, or a rep's card would count one record fewer than its list shows.
    const readers = new Map<string, Promise<Actor>>();
    const readerOf = (e: string) => {
      let r = readers.get(e);
      if (!r) {
        const owned = getEntity(spec, e)?.owned;
        r = withCooldownOf(
          actor,
          { key: e, ...(owned === false ? { owned } : {}) },
          deps.store,
          now,
        );
        readers.set(e, r);
      }
      return r;
    };
    const ctx: WidgetCtx = {
      spec,
      widget: w,
      dashboard: d,
      entity,
      repo: deps.store.reports(spec),
      store: deps.store,
      async scopeOf(e) {
        if (!readable(actor, e)) return 'none';
        const reader = await readerOf(e);
        const scope = deps.permissions.listScope?.(reader, e);
        if (scope?.kind === 'none') return 'none';
        return {
          ...(scope?.kind === 'where' ? { scope: scope.logic } : {}),
          context: { now, ...(user ? { user } : {}) },
        };
      },
      base: and(
        w.filter ?? null,
        q.team ? eq('teamId', q.team) : null,
        q.owner ? eq('ownerId', q.owner) : null,
      ),
      range,
      previous,
      timeZone,
      locale,
      now,
      hidden,
      visibleThrough: (relation, target) =>
        relatedVisible(deps.permissions, actor, relation, target),
      may: (capability) => (deps.hasCapability ?? (() => true))(actor, capability as Capability),
      label: labeller(spec, entity, deps.store, locale),
      text: (key, params) => reportText(locale, key, params),
    };
    if (
      ['funnel', 'stageConversion', 'dwellTime', 'beforeAfter'].includes(w.type) &&
      !getPipeline(spec, entity)
    )
      return { ...head, columns: [], rows: [] };
    const out = await WIDGETS[w.type](ctx);
    return { ...head, ...out };
  }

  /** A field of a related record (`via`) hidden from the reader is never grouped by either. */
  const hiddenThrough = (spec: AppSpec, actor: Actor, entity: string, w: WidgetSpec) => {
    if (!w.via || !w.field) return false;
    const rel = getEntity(spec, entity)?.fields.find((f) => f.key === w.via);
    if (rel?.type !== 'relation') return false;
    return (deps.hiddenFields?.(actor, rel.entity) ?? []).includes(w.field);
  };

  const live = async (locale: Locale): Promise<AppSpec | Failure> => {
    try {
      return await deps.spec();
    } catch {
      return notFound(locale, 'noSpec', {});
    }
  };
  const isFailure = (x: unknown): x is Failure =>
    typeof x === 'object' && x !== null && (x as Failure).ok === false;

  return {
    async list(opts) {
      const locale = opts.locale ?? opts.actor.locale ?? deps.locale;
      const spec = await live(locale);
      if (isFailure(spec)) return spec;
      const role = spec.roles?.find((r) => r.key === opts.actor.role);
      const preferred = role?.workbench?.find((i) => i.type === 'dashboard');
      const first = preferred && 'ref' in preferred ? preferred.ref : null;
      const dashboards = (spec.dashboards ?? [])
        .filter((d) => mayView(spec, opts.actor, d))
        .filter((d) =>
          d.widgets.some((w) => {
            const e = entityOf(spec, w);
            return e !== null && readable(opts.actor, e);
          }),
        )
        .map((d) => ({ ...summary(d, locale), default: d.key === first }))
        .sort((a, b) => Number(b.default) - Number(a.default));
      return { ok: true, dashboards };
    },
    async dashboard(key, q, opts) {
      const locale = opts.locale ?? opts.actor.locale ?? deps.locale;
      const bad = checkQuery(q, locale);
      if (bad) return bad;
      const spec = await live(locale);
      if (isFailure(spec)) return spec;
      const d = spec.dashboards?.find((x) => x.key === key);
      // A dashboard the reader may not open answers like a missing one (nothing leaks).
      if (!d || !mayView(spec, opts.actor, d)) return notFound(locale, 'noDashboard', { key });
      const widgets = [];
      for (const w of d.widgets) widgets.push(await run(spec, d, w, q, opts));
      return { ok: true, dashboard: { ...summary(d, locale), widgets } };
    },
    async preview(widget, q, opts, on) {
      const locale = opts.locale ?? opts.actor.locale ?? deps.locale;
      const bad = checkQuery(q, locale);
      if (bad) return bad;
      const spec = await live(locale);
      if (isFailure(spec)) return spec;
      const d: DashboardSpec = {
        key: 'builder-preview',
        label: { 'zh-CN': '预览', en: 'Preview' },
        ...(on?.roles ? { roles: on.roles } : {}),
        widgets: [widget],
      };
      const dashboards = [...(spec.dashboards ?? []), d];
      const at = `/dashboards/${dashboards.length - 1}/widgets/0`;
      const errors = validateSpec({ ...spec, dashboards }, { locale })
        .errors.filter((e) => e.path === at || e.path.startsWith(`${at}/`))
        .map((e) => ({
          path: `/widget${e.path.slice(at.length)}`,
          code: e.code,
          message: e.message,
        }));
      if (errors.length > 0)
        return { ok: false, error: { code: 'validation', message: errors[0]!.message, errors } };
      // Readers by the draft's key too: a role's workbench names the dashboard by it.
      const named = { ...d, key: on?.key ?? d.key };
      const readers = dashboardReaders(spec, named, deps.hasCapability ?? (() => true));
      return { ok: true, widget: await run(spec, d, widget, q, opts), readers };
    },
    async widget(dashboard, widget, q, opts) {
      const locale = opts.locale ?? opts.actor.locale ?? deps.locale;
      const bad = checkQuery(q, locale);
      if (bad) return bad;
      const spec = await live(locale);
      if (isFailure(spec)) return spec;
      const d = spec.dashboards?.find((x) => x.key === dashboard);
      if (!d || !mayView(spec, opts.actor, d))
        return notFound(locale, 'noDashboard', { key: dashboard });
      const w = d.widgets.find((x) => x.key === widget);
      if (!w) return notFound(locale, 'noWidget', { dashboard, key: widget });
      return { ok: true, widget: await run(spec, d, w, q, opts) };
    },
  };
}
