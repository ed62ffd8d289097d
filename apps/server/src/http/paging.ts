import type { Context } from 'hono';
import type { ServerContext } from '../context';
import type { AppEnv } from '../types';
import { HttpProblem } from './problem';

/** Items of a list page when `limit` is not given. */
const DEFAULT_PAGE_SIZE = 50;

/** `?limit=&cursor=` of a list, checked: every list of the API pages the same way. */
export type PageParams = { limit: number; cursor: string | null };

/**
 * Reads `limit` (1..maxPageSize, default 50) and `cursor` (opaque, from a previous answer's
 * `nextCursor`). A bad value is a 400 problem naming the parameter.
 */
export function parsePage(ctx: ServerContext, c: Context<AppEnv>): PageParams {
  const rawLimit = c.req.query('limit');
  let limit = DEFAULT_PAGE_SIZE;
  if (rawLimit !== undefined) {
    const n = Number(rawLimit);
    if (rawLimit === '' || !Number.isInteger(n) || n < 1 || n > ctx.limits.maxPageSize)
      throw new HttpProblem(400, 'invalid_limit', { max: ctx.limits.maxPageSize }, [
        {
          path: '/limit',
          code: 'invalid_limit',
          message: '',
          params: { max: ctx.limits.maxPageSize },
        },
      ]);
    limit = n;
  }
  const cursor = c.req.query('cursor') || null;
  if (cursor !== null && cursor.length > 500) throw invalidCursor();
  return { limit, cursor };
}

/** The problem for a cursor that is not one this list gave out. */
export function invalidCursor(): HttpProblem {
  return new HttpProblem(400, 'invalid_cursor', {}, [
    { path: '/cursor', code: 'invalid_cursor', message: '' },
  ]);
}
