import type { MiddlewareHandler } from 'hono';
import type { ServerContext } from '../context';
import type { AppEnv } from '../types';
import { HttpProblem } from './problem';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin the browser used to reach us (honours X-Forwarded-Proto only behind a trusted proxy). */
export function requestOrigin(
  c: { req: { url: string; header(name: string): string | undefined } },
  trustProxy: boolean,
): string {
  const url = new URL(c.req.url);
  const proto =
    (trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()) ||
    url.protocol.replace(':', '');
  const host = (trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host') || url.host;
  return `${proto}://${host}`;
}

/**
 * Origin check against CSRF: a state-changing request that carries the session cookie must
 * come from our own origin (or an allowed one), proven by Origin or, failing that, Referer.
 * Requests with a Bearer token carry no ambient credentials and are not checked; the login
 * request is checked whenever the browser sends an Origin.
 */
export function csrfMiddleware(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  const allowed = new Set((ctx.options.allowedOrigins ?? []).map((o) => o.replace(/\/$/, '')));
  return async (c, next) => {
    // Public intake never reads the session, so a cookie sent along gives no authority there.
    if (
      SAFE.has(c.req.method) ||
      c.req.path.startsWith('/f/') ||
      c.req.path.startsWith('/hooks/') ||
      c.req.path.startsWith('/consent/')
    )
      return next();
    const hasCookie = (c.req.header('cookie') ?? '').includes('trellis_session=');
    const isLogin = c.req.path === '/api/v1/auth/login' || c.req.path === '/api/v1/setup';
    const origin = c.req.header('origin');
    if (!hasCookie && !(isLogin && origin)) return next();
    if (c.get('authVia') === 'token') return next();
    let claimed = origin && origin !== 'null' ? origin : undefined;
    if (!claimed) {
      const referer = c.req.header('referer');
      try {
        claimed = referer ? new URL(referer).origin : undefined;
      } catch {
        claimed = undefined;
      }
    }
    const own = requestOrigin(c, ctx.options.trustProxy ?? false);
    if (!claimed || (claimed !== own && !allowed.has(claimed))) throw new HttpProblem(403, 'csrf');
    return next();
  };
}
