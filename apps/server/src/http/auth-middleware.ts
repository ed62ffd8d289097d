import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ServerContext } from '../context';
import type { Actor, AppEnv, CurrentUser } from '../types';
import type { ResolvedCaller } from '../auth/auth-cache';
import { HttpProblem, localeOf } from './problem';
import { ADMIN_ROLE } from '@trellis/engine';

export const SESSION_COOKIE = 'trellis_session';

/**
 * Resolves who is calling: a Bearer API token (acting with the token's role) or the session
 * cookie. Sets `actor`, `user`, `authVia`; never refuses by itself (routes call `requireUser`).
 */
export function authMiddleware(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('user', null);
    c.set('authVia', 'none');
    c.set('sessionId', null);
    // The role model answers for the spec the engine read last: read it now, for this request.
    await ctx.spec();
    const locale = localeOf(c);
    const now = ctx.now();
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE);
    const key = bearer ? `t ${bearer}` : cookie ? `s ${cookie}` : null;
    if (!key) return next();
    let caller: ResolvedCaller | null | undefined = ctx.authCache.get(key, now);
    if (!caller) {
      const generation = ctx.authCache.generation();
      caller = bearer
        ? await resolveToken(ctx, bearer, now)
        : await resolveSession(ctx, cookie!, now);
      if (caller) ctx.authCache.put(key, caller, generation, now);
    }
    if (caller) {
      // Copies: a route may not change what the next request of this caller is given.
      c.set('actor', { ...caller.actor, locale } as Actor);
      c.set('authVia', caller.authVia);
      c.set('user', caller.user && { ...caller.user });
      c.set('sessionId', caller.sessionId);
    }
    return next();
  };
}

/** Whether a token bound to a user of `userRole` may act as `tokenRole` (the same, or any for admin). */
export function tokenRoleAllowed(tokenRole: string, userRole: string): boolean {
  return tokenRole === userRole || userRole === ADMIN_ROLE;
}

/** The signed-in caller, or a 401 problem. */
export function requireActor(c: { get(key: 'actor'): AppEnv['Variables']['actor'] }) {
  const actor = c.get('actor');
  if (!actor) throw new HttpProblem(401, 'unauthenticated');
  return actor;
}

/** The caller behind an API token, or a 401 problem (unknown, revoked, or its user may no longer act so). */
async function resolveToken(
  ctx: ServerContext,
  bearer: string,
  now: number,
): Promise<ResolvedCaller> {
  const token = await ctx.tokens.resolve(bearer, now);
  if (!token)
    throw new HttpProblem(401, 'unauthenticated', {}, [], {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  const row = token.userId ? await ctx.users.byId(token.userId) : null;
  if (row && row.status === 'disabled') throw new HttpProblem(401, 'account_disabled');
  // A user-bound token never acts with more than its user holds now: after the user's role
  // changed (a demotion), a token issued with another role stops working.
  if (token.userId && (!row || !tokenRoleAllowed(token.role, row.role)))
    throw new HttpProblem(401, 'unauthenticated', {}, [], {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  // The user's teams are read once, for the actor and the current user alike.
  const user = row ? await ctx.users.current(row) : null;
  return {
    actor: {
      kind: 'token',
      role: token.role,
      teams: user ? user.teams : [],
      ...(row ? { userId: row.id } : {}),
    },
    authVia: 'token',
    user: user && { ...user, role: token.role },
    sessionId: null,
    expiresAt: null,
  };
}

/** The signed-in user behind a session cookie, or null (unknown, expired, or disabled). */
async function resolveSession(
  ctx: ServerContext,
  cookie: string,
  now: number,
): Promise<ResolvedCaller | null> {
  const session = await ctx.sessions.resolve(cookie, now);
  const row = session ? await ctx.users.byId(session.userId) : null;
  if (!session || !row || row.status === 'disabled') return null;
  const user: CurrentUser = await ctx.users.current(row);
  return {
    actor: { kind: 'user', userId: user.id, role: user.role, teams: user.teams },
    authVia: 'session',
    user,
    sessionId: session.id,
    expiresAt: session.expiresAt,
  };
}
