import type { Hono } from 'hono';
import type { EngineError } from '../engine-port';
import type { ServerContext } from '../context';
import { readObject } from '../http/body';
import { statusOf } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { ProblemError } from '../http/problem';
import { message } from '../http/messages';
import type { AppEnv } from '../types';
import { readableEntity, viaOf } from './record-helpers';
import { withFileRefs } from './file-refs';

const ACTIONS = ['assign', 'stage', 'update', 'delete'] as const;
type Action = (typeof ACTIONS)[number];
const MAX_BULK = 500;

/** One record's outcome: written, or refused with the same problem a single write would get. */
type BulkResult =
  | { id: string; ok: true; version?: number }
  | {
      id: string;
      ok: false;
      status: number;
      code: string;
      message: string;
      errors: ProblemError[];
    };

const bad = (path: string, code: string, params: Record<string, unknown> = {}) =>
  new HttpProblem(422, 'validation', {}, [{ path, code, message: '', params }]);

/**
 * `POST /api/v1/records/:entity/bulk` `{ action, ids, ownerId?, teamId?, stage?, values? }`:
 * assign, change stage, update or delete many records, each through the one write path in its
 * own transaction. Every record gets its own result: the ones the caller may not change are
 * refused one by one (a record they cannot read answers not found, as it would alone).
 */
export function registerBulkRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post('/api/v1/records/:entity/bulk', async (c) => {
    const { actor, entity } = await readableEntity(ctx, c);
    const { body } = await readObject(c);
    const action = body.action as Action;
    if (!ACTIONS.includes(action))
      throw bad('/action', 'invalid_value', { reason: ACTIONS.join(' | ') });
    const ids = body.ids;
    if (!Array.isArray(ids) || ids.length === 0) throw bad('/ids', 'required');
    if (ids.length > MAX_BULK) throw bad('/ids', 'too_many', { max: MAX_BULK });
    if (ids.some((id) => typeof id !== 'string' || id.length > 64))
      throw bad('/ids', 'invalid_value', { reason: 'ids' });
    const values = await withFileRefs(
      ctx,
      actor,
      entity.key,
      valuesOf(action, body) ?? undefined,
      '/values',
    );
    const stage = action === 'stage' ? String(body.stage ?? '') : '';
    if (action === 'stage' && (stage === '' || stage.length > 64)) throw bad('/stage', 'required');

    const locale = localeOf(c);
    const opts = { actor, via: viaOf(c), locale };
    // Each record is its own write; sent together, the writer commits them in few commits.
    const results: BulkResult[] = await Promise.all(
      [...new Set(ids as string[])].map(async (id): Promise<BulkResult> => {
        const res =
          action === 'delete'
            ? await ctx.engine.records.remove(entity.key, id, opts)
            : action === 'stage'
              ? await ctx.engine.records.changeStage(entity.key, id, stage, {
                  ...opts,
                  ...(values ? { values } : {}),
                })
              : await ctx.engine.records.update(entity.key, id, values ?? {}, opts);
        if (res.ok) return { id, ok: true, version: res.record.version };
        return refusal(id, res.error, locale);
      }),
    );
    return c.json({
      results,
      succeeded: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
    });
  });
}

/** The field values an action writes: assign writes owner (and team), update the given values. */
function valuesOf(action: Action, body: Record<string, unknown>): Record<string, unknown> | null {
  if (action === 'assign') {
    if (!('ownerId' in body)) throw bad('/ownerId', 'required');
    return {
      ownerId: body.ownerId ?? null,
      ...('teamId' in body ? { teamId: body.teamId ?? null } : {}),
    };
  }
  if (action === 'update' || action === 'stage') {
    const v = body.values;
    if (v === undefined && action === 'stage') return null;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('/values', 'required');
    if ('stage' in v) throw bad('/values/stage', 'unknown_field', { field: 'stage' });
    return v as Record<string, unknown>;
  }
  return null;
}

function refusal(id: string, error: EngineError, locale: 'zh-CN' | 'en'): BulkResult {
  // The engine says `forbidden` only for a record the caller may read (one they may not read is
  // `not_found`): the caller picked it from their list, so "not found" would be untrue — they
  // are told they may not do this to it.
  if (error.code === 'forbidden')
    return {
      id,
      ok: false,
      status: 403,
      code: 'forbidden',
      message: message('forbidden', locale),
      errors: [],
    };
  const status = statusOf(error);
  if (status === 404)
    return {
      id,
      ok: false,
      status,
      code: 'not_found',
      message: message('not_found', locale),
      errors: [],
    };
  return {
    id,
    ok: false,
    status,
    code: error.code,
    message: error.message,
    // The engine already left out errors about fields the caller cannot see.
    errors: (error.errors ?? []) as ProblemError[],
  };
}
