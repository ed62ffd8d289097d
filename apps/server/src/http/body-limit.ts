import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../types';
import { problem } from './problem';

/**
 * Refuses bodies over `maxSize` bytes with a 413 problem. A request that declares its length
 * is judged by the header alone and its body stays unread, so the handler can read it straight
 * from the socket (@hono/node-server's fast path); touching `c.req.raw.body` first, as Hono's
 * bodyLimit does for every request, builds a web Request and ReadableStream per request, which
 * cost the intake path ~10 % of its time. Chunked bodies, whose size is only known by reading,
 * go through Hono's bodyLimit, which counts while it reads.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Parameters<MiddlewareHandler<AppEnv>>[0]) =>
    problem(c, 413, 'body_too_large', { max: maxSize });
  const counting = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      const bytes = Number(length);
      if (Number.isSafeInteger(bytes) && bytes >= 0)
        return bytes > maxSize ? tooLarge(c) : await next();
    }
    return counting(c, next);
  };
}
