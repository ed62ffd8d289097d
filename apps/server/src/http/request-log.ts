import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppLogger } from '../setup/logger';
import type { AppEnv } from '../types';

/** A caller's own request id is kept when it is a plain token (a proxy's, a client's retry id). */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Public intake (`POST /f/:form`, `/hooks/:source`) that was answered 2xx: each such submission
 * is in the intake log already, with its source, address, outcome and record (intake health).
 * Its request line is logged at debug: at info it cost the HTTP thread 12–16 µs of CPU a
 * submission (pino's redaction, JSON and a synchronous write) and `trellis start` a tenth of its
 * submissions/s (docs/deploy.md, Logs). A refused one (4xx, 5xx) stays at info.
 */
function answeredIntake(method: string, path: string, status: number): boolean {
  return (
    method === 'POST' && status < 300 && (path.startsWith('/f/') || path.startsWith('/hooks/'))
  );
}

/**
 * Gives every request an id (the caller's X-Request-Id when it is a plain token, else a new
 * UUID), answers it in X-Request-Id and, when a logger is given, logs one line per request:
 * method, path (never the query string, which may carry a token), status, duration, request id
 * and user id — at info, but answered public intake at debug (above). Never bodies, headers,
 * passwords or tokens.
 */
export function requestLog(logger: AppLogger | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const reqId = given && CALLER_ID.test(given) ? given : randomUUID();
    c.set('requestId', reqId);
    // Served by Node: set on the Node response before the app runs, like the security headers.
    // Set on Hono's finished Response, the header made node-server build a full WHATWG
    // Response and read its body back (~0.03 ms of the HTTP thread per answer).
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    outgoing?.setHeader('x-request-id', reqId);
    const started = performance.now();
    try {
      await next();
    } finally {
      if (!outgoing) c.header('x-request-id', reqId);
      const level = answeredIntake(c.req.method, c.req.path, c.res.status) ? 'debug' : 'info';
      logger?.[level](
        {
          reqId,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          userId: c.get('user')?.id ?? null,
        },
        'request',
      );
    }
  };
}
