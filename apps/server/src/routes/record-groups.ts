import type { Context, Hono } from 'hono';
import type { ServerContext } from '../context';
import { CLIENT_GONE, clientGone } from '../http/count-reads';
import { engineProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { ProblemError } from '../http/problem';
import type { AppEnv } from '../types';
import { parseListQuery, readableEntity } from './record-helpers';

const KEY = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/;

/** `?by=stage&sum=budget,amount` of a grouping (at most five sums). */
export function parseGroupParams(c: Context<AppEnv>): { by: string | null; sums: string[] } {
  const errors: ProblemError[] = [];
  const by = c.req.query('by') || null;
  if (by !== null && !KEY.test(by))
    errors.push({
      path: '/by',
      code: 'unknown_field',
      message: '',
      params: { field: by.slice(0, 64) },
    });
  const sums = (c.req.query('sum') ?? '').split(',').filter(Boolean);
  if (sums.length > 5)
    errors.push({
      path: '/sum',
      code: 'invalid_value',
      message: '',
      params: { reason: 'sum ≤ 5' },
    });
  sums.forEach((s, i) => {
    if (!KEY.test(s))
      errors.push({
        path: `/sum/${i}`,
        code: 'unknown_field',
        message: '',
        params: { field: s.slice(0, 64) },
      });
  });
  if (errors.length > 0)
    throw new HttpProblem(400, errors[0]!.code, errors[0]!.params ?? {}, errors);
  return { by, sums };
}

/**
 * `GET /api/v1/records/:entity/groups`: counts and sums per stage (or any select / user field)
 * under the same filter, search and permissions as the list — board headers, workbench tiles.
 */
export function registerRecordGroupRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/records/:entity/groups', async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const list = parseListQuery(ctx, c, actor, entity);
    const { by, sums } = parseGroupParams(c);
    const result = await ctx.countReads.run(c.req.raw.signal, () =>
      ctx.engine.records.groups(
        entity.key,
        {
          by,
          sums,
          ...(list.filter !== undefined ? { filter: list.filter } : {}),
          ...(list.search ? { search: list.search } : {}),
          ...(list.timeZone ? { timeZone: list.timeZone } : {}),
        },
        { actor, locale: localeOf(c) },
      ),
    );
    if (result === CLIENT_GONE) return clientGone();
    if (!result.ok) throw engineProblem(result.error);
    return c.json({ groups: result.groups });
  });
}
