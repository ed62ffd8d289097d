import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { engineProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { AppEnv } from '../types';
import { parseListQuery, readableEntity, SYSTEM_KEYS } from './record-helpers';

const PAGE = 500;
const MAX_ROWS = 100_000;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Quote always; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * `GET /api/v1/records/:entity/export?format=csv|json` (capability `export`): every record in
 * the caller's read scope matching the list filter, hidden fields left out. CSV starts with a
 * UTF-8 BOM so spreadsheet programs read Chinese text correctly.
 */
export function registerExportRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/records/:entity/export', async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    if (!ctx.engine.permissions.hasCapability(actor, 'export'))
      throw new HttpProblem(403, 'forbidden');
    const format = c.req.query('format') ?? 'csv';
    if (format !== 'csv' && format !== 'json')
      throw new HttpProblem(400, 'invalid_value', { reason: 'format' }, [
        {
          path: '/format',
          code: 'invalid_value',
          message: '',
          params: { reason: 'format: csv | json' },
        },
      ]);
    const query = parseListQuery(ctx, c, actor, entity);
    const rows: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.engine.records.list(
        entity.key,
        { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) },
        { actor, locale: localeOf(c) },
      );
      if (!page.ok) throw engineProblem(page.error);
      // Records come redacted for the caller from the engine.
      rows.push(...page.records);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < MAX_ROWS);
    const name = `${entity.key}-${new Date(ctx.now()).toISOString().slice(0, 10)}`;
    if (format === 'json')
      return c.json({ items: rows }, 200, {
        'content-disposition': `attachment; filename="${name}.json"`,
      });
    const columns = [...SYSTEM_KEYS, ...ctx.engine.permissions.visibleFields(actor, entity.key)];
    const lines = [
      columns.map(csvCell).join(','),
      ...rows.map((r) => columns.map((k) => csvCell(r[k])).join(',')),
    ];
    return c.body(`\uFEFF${lines.join('\r\n')}\r\n`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    });
  });
}
