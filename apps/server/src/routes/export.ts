import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import type { AppSpec, EntitySpec } from '@trellis/spec';
import { localize } from '@trellis/spec';
import { exportColumns, exportStream, type ExportFormat, type ExportNames } from '@trellis/engine';
import { newId } from '@trellis/store';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { engineProblem } from '../http/engine-result';
import { invalidCursor, parsePage } from '../http/paging';
import { HttpProblem, localeOf } from '../http/problem';
import { timeZoneOf } from '../http/time-zone';
import type { AppEnv } from '../types';
import { parseListQuery, readableEntity } from './record-helpers';
import { viewByKey } from '../views/view-def';

const PAGE = 1000;
const MAX_JSON_ROWS = 100_000;
const FORMATS = ['csv', 'csv-gbk', 'xlsx', 'json'] as const;
/** Longest filter / search text / view name kept in the audit trail (longer is cut). */
const AUDIT_TEXT = 4_000;
const TYPES: Record<ExportFormat, [string, string]> = {
  csv: ['text/csv; charset=utf-8', 'csv'],
  'csv-gbk': ['text/csv; charset=gb18030', 'csv'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
};

/** Stage, people and team names for the export's cells, read once per export. */
async function exportNames(
  ctx: ServerContext,
  spec: AppSpec,
  entity: EntitySpec,
  locale: ReturnType<typeof localeOf>,
): Promise<ExportNames> {
  const pipeline = (spec.pipelines ?? []).find((p) => p.entity === entity.key);
  const [users, teams] = await Promise.all([ctx.store.users.list(), ctx.users.listTeams()]);
  return {
    stages: new Map((pipeline?.stages ?? []).map((st) => [st.key, localize(st.label, locale)])),
    users: new Map(users.map((u) => [u.id, u.name])),
    teams: new Map(
      teams.map((t) => [t.key, localize(t.label as Parameters<typeof localize>[0], locale)]),
    ),
  };
}

/**
 * `GET /api/v1/records/:entity/export?format=csv|csv-gbk|xlsx|json&view=&filter=&sort=&q=`
 * (capability `export`): every record of the list in the caller's read scope, hidden fields
 * never included (records come redacted from the engine, columns are the visible fields).
 * CSV and XLSX are streamed page by page (a million rows in bounded memory); CSV is UTF-8 with a
 * BOM, or GB18030 for old Excel; formulas are neutralised. Every export is written to the audit
 * trail (`export_log`: who, when, entity, view, filter, format, rows), readable by admins at
 * `GET /api/v1/exports`.
 */
export function registerExportRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/records/:entity/export', async (c) => {
    const { actor, entity, spec } = await readableEntity(ctx, c);
    if (!ctx.engine.permissions.hasCapability(actor, 'export'))
      throw new HttpProblem(403, 'forbidden');
    const format = (c.req.query('format') ?? 'csv') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format))
      throw new HttpProblem(400, 'invalid_value', { reason: 'format' }, [
        {
          path: '/format',
          code: 'invalid_value',
          message: '',
          params: { reason: `format: ${FORMATS.join(' | ')}` },
        },
      ]);
    const asked = parseListQuery(ctx, c, actor, entity);
    // `view=`: the rows of that view (its filter and sort) as the list shows them, the caller's
    // filter and search on top — not only what the caller sent of it.
    const viewKey = c.req.query('view');
    const view = viewKey ? await viewByKey(ctx, actor, ctx.store.savedViews, viewKey) : undefined;
    if (viewKey && (!view || view.entity !== entity.key))
      throw new HttpProblem(400, 'invalid_value', { reason: 'view' }, [
        { path: '/view', code: 'invalid_value', message: '', params: { reason: 'view' } },
      ]);
    const filter = [view?.filter, asked.filter].filter((f) => f !== undefined && f !== null);
    const sort = asked.sort ?? view?.sort;
    const query = {
      ...asked,
      ...(filter.length > 0 ? { filter: filter.length === 1 ? filter[0] : { and: filter } } : {}),
      ...(sort ? { sort } : {}),
    };
    const locale = localeOf(c);
    const list = (cursor: string | null) =>
      ctx.engine.records.list(
        entity.key,
        { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) },
        { actor, locale },
      );
    // The first page before answering: a bad filter is a 4xx, not a broken download.
    const first = await list(null);
    if (!first.ok) throw engineProblem(first.error);
    let rows = 0;
    const cut = (v: string | undefined) => (v ? v.slice(0, AUDIT_TEXT) : null);
    const entry = {
      userId: actor.userId ?? null,
      entity: entity.key,
      view: cut(c.req.query('view')),
      filter: cut(c.req.query('filter')),
      q: cut(c.req.query('q')),
      format,
    };
    // With the number of rows that left (a broken-off download counts what was read for it).
    const audit = async () => {
      ctx.log({ level: 'info', msg: 'records exported', ...entry, rows });
      await ctx.store.exportLog.append({ id: newId(), ...entry, rows, at: ctx.now() });
    };
    // The audit runs however the pages stop: the end, the JSON cap, a download broken off.
    async function* pages() {
      let page = first;
      try {
        for (;;) {
          if (!page.ok) throw new Error(page.error.message);
          rows += page.records.length;
          yield page.records as Record<string, unknown>[];
          if (!page.nextCursor) break;
          page = await list(page.nextCursor);
        }
      } finally {
        await audit();
      }
    }
    const name = `${entity.key}-${new Date(ctx.now()).toISOString().slice(0, 10)}`;
    if (format === 'json') {
      const items: Record<string, unknown>[] = [];
      for await (const p of pages()) {
        items.push(...p);
        if (items.length >= MAX_JSON_ROWS) break;
      }
      return c.json({ items }, 200, {
        'content-disposition': `attachment; filename="${name}.json"`,
      });
    }
    const columns = exportColumns(
      entity,
      ctx.engine.permissions.visibleFields(actor, entity.key),
      locale,
      await exportNames(ctx, spec, entity, locale),
    );
    const stream = exportStream(
      pages(),
      columns,
      { format, locale, timeZone: timeZoneOf(c) },
      entity.key,
    );
    const [type, ext] = TYPES[format];
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      'content-type': type,
      'content-disposition': `attachment; filename="${name}.${ext}"`,
    });
  });

  /** The export audit trail, newest first (admins: capability manageUsers). */
  app.get('/api/v1/exports', async (c) => {
    const actor = requireActor(c);
    if (!ctx.engine.permissions.hasCapability(actor, 'manageUsers'))
      throw new HttpProblem(403, 'forbidden');
    const page = await ctx.store.exportLog.page(parsePage(ctx, c));
    if (!page) throw invalidCursor();
    return c.json(page);
  });
}
