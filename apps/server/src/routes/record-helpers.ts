import type { Context } from 'hono';
import { check } from '@trellis/logic';
import type { AppSpec, EntitySpec } from '@trellis/spec';
import { VIRTUAL_FIELDS } from '@trellis/store';
import type { ServerContext } from '../context';
import type { ListQuery, Via } from '../engine-port';
import { requireActor } from '../http/auth-middleware';
import { HttpProblem, localeOf } from '../http/problem';
import { timeZoneOf } from '../http/time-zone';
import type { ProblemError } from '../http/problem';
import type { Actor, AppEnv } from '../types';

/** System fields every reader of a record may filter and sort on. */
export const SYSTEM_KEYS = [
  'id',
  'stage',
  'ownerId',
  'teamId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
  'version',
  'deletedAt',
];

/** The entity of the path if the caller may read it; an unreadable entity answers 404 like an unknown one. */
export async function readableEntity(
  ctx: ServerContext,
  c: Context<AppEnv>,
): Promise<{ actor: Actor; entity: EntitySpec; spec: AppSpec }> {
  const actor = requireActor(c);
  const spec = await ctx.spec();
  const key = c.req.param('entity') ?? '';
  const entity = spec?.entities.find((e) => e.key === key);
  if (
    !spec ||
    !entity ||
    (!ctx.engine.permissions.can(actor, 'read', key) &&
      !ctx.engine.permissions.can(actor, 'create', key))
  )
    throw new HttpProblem(404, 'not_found');
  return { actor, entity, spec };
}

/** `ui` for people in the browser, `api` for token integrations. */
export function viaOf(c: Context<AppEnv>): Via {
  return c.get('authVia') === 'token' ? 'api' : 'ui';
}

/** A list sorts by at most this many fields (the record id breaks ties after them). */
const MAX_SORT_FIELDS = 5;

/**
 * Parses `?filter=&sort=&limit=&cursor=&q=&count=1&tz=` of a list, refusing fields the caller
 * cannot see.
 */
export function parseListQuery(
  ctx: ServerContext,
  c: Context<AppEnv>,
  actor: Actor,
  entity: EntitySpec,
): ListQuery {
  const locale = localeOf(c);
  const visible = new Set([
    ...SYSTEM_KEYS,
    // Filter-only: every stage the record entered, how long after creation it first had an
    // owner, its first touch's UTM values (the store's virtual fields; dashboards' drill-downs).
    ...VIRTUAL_FIELDS,
    ...ctx.engine.permissions.visibleFields(actor, entity.key),
  ]);
  const query: ListQuery = {};
  const errors: ProblemError[] = [];
  const rawFilter = c.req.query('filter');
  if (rawFilter !== undefined && rawFilter !== '') {
    let filter: unknown;
    try {
      filter = JSON.parse(rawFilter);
    } catch {
      throw new HttpProblem(400, 'invalid_filter', { reason: 'JSON' }, [
        { path: '/filter', code: 'invalid_json', message: '' },
      ]);
    }
    // check() reports fields outside `visible` as unknown, so hidden fields cannot be probed.
    const issues = check(filter, { fields: [...visible], locale });
    if (issues.length > 0)
      throw new HttpProblem(
        400,
        'invalid_filter',
        { reason: issues[0]?.message ?? '' },
        issues.map((i) => ({
          path: `/filter${i.path === '/' ? '' : i.path}`,
          code: i.code,
          message: i.message,
        })),
      );
    query.filter = filter;
  }
  const rawSort = c.req.query('sort');
  if (rawSort) {
    const parts = rawSort.split(',');
    if (parts.length > MAX_SORT_FIELDS)
      throw new HttpProblem(400, 'invalid_sort', {}, [
        {
          path: '/sort',
          code: 'too_many_sort_fields',
          message: '',
          params: { max: MAX_SORT_FIELDS, count: parts.length },
        },
      ]);
    query.sort = parts.map((part) => {
      const dir = part.startsWith('-') ? 'desc' : 'asc';
      const field = part.replace(/^[-+]/, '');
      if (!visible.has(field))
        errors.push({
          path: '/sort',
          code: 'invalid_sort',
          message: '',
          params: { field: field.slice(0, 64) },
        });
      return { field, dir } as const;
    });
  }
  const rawLimit = c.req.query('limit');
  if (rawLimit !== undefined) {
    const n = Number(rawLimit);
    if (!Number.isInteger(n) || n < 1 || n > ctx.limits.maxPageSize)
      errors.push({
        path: '/limit',
        code: 'invalid_limit',
        message: '',
        params: { max: ctx.limits.maxPageSize },
      });
    else query.limit = n;
  }
  const cursor = c.req.query('cursor');
  if (cursor) {
    if (cursor.length > 500) errors.push({ path: '/cursor', code: 'invalid_cursor', message: '' });
    else query.cursor = cursor;
  }
  const q = c.req.query('q');
  if (q) query.search = q.slice(0, 200);
  if (c.req.query('count') === '1') query.count = true;
  query.timeZone = timeZoneOf(c);
  if (errors.length > 0)
    throw new HttpProblem(400, errors[0]!.code, errors[0]!.params ?? {}, errors);
  return query;
}
