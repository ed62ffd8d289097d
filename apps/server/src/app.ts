import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { createRateLimiter } from './auth/rate-limit';
import { createAuthCache, invalidatingAuthWrites } from './auth/auth-cache';
import { changeUser, type UserChange } from './auth/change-user';
import { publishSpec } from './auth/publish-keeping-managers';
import { sessionsRepo } from './auth/sessions';
import { tokensRepo } from './auth/tokens';
import { usersRepo } from './auth/users';
import type { ServerContext, ServerOptions } from './context';
import { DEFAULT_LIMITS } from './context';
import { authMiddleware } from './http/auth-middleware';
import { limitBody } from './http/body-limit';
import { createCountReads } from './http/count-reads';
import { runImport } from './imports/run-job';
import { csrfMiddleware } from './http/csrf';
import { HttpProblem, localeOf, problem } from './http/problem';
import { writeIntake } from './intake/submit';
import { requestLog } from './http/request-log';
import { registerRoutes } from './routes/index';
import { registerStatic } from './static';
import type { AppLogger } from './setup/logger';
import type { AppEnv } from './types';
import { notifyChanges } from './http/change-notifier';

/**
 * Builds the Trellis HTTP app (Hono). Testable without a socket through `app.request()`;
 * `listen()` in ./serve binds it to a port and adds the security headers to every answer.
 * @example const app = createApp({ engine, db }); await app.request('/api/v1/me')
 */
export function createApp(options: ServerOptions): Hono<AppEnv> & { ctx: ServerContext } {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { engine, store } = options;
  const now = () => (options.clock ? options.clock.now() : Date.now());
  const log = options.log ?? logTo(options.logger);
  const authCache = createAuthCache();
  const authStore = invalidatingAuthWrites(store, authCache);
  const writeUser =
    options.changeUser ??
    ((id: string, change: UserChange, at: number) => changeUser(store, id, change, at));
  const ctx: ServerContext = {
    engine,
    store,
    now,
    limits,
    options,
    users: usersRepo(authStore),
    sessions: sessionsRepo(authStore),
    tokens: tokensRepo(authStore),
    authCache,
    countReads: createCountReads({ oneAtATime: store.dialect === 'sqlite' }),
    spec: () => engine.liveSpec(),
    submitIntake:
      options.submitIntake ??
      ((input) => writeIntake({ engine, store, now, automations: options.automations }, input)),
    loginLimiter: createRateLimiter(
      store.maintenance.hits,
      'login',
      limits.loginAttempts,
      15 * 60_000,
    ),
    loginIpLimiter: createRateLimiter(
      store.maintenance.hits,
      'login-ip',
      limits.loginAttempts * 10,
      15 * 60_000,
    ),
    intakeLimiter: createRateLimiter(
      store.maintenance.hits,
      'intake',
      limits.intakePerMinute,
      60_000,
    ),
    log,
    async changeUser(id, change, at) {
      authCache.invalidate();
      try {
        return await writeUser(id, change, at);
      } finally {
        authCache.invalidate();
      }
    },
    publishSpec: options.publishSpec ?? ((request) => publishSpec(store, request)),
    // Not awaited: the job reports its progress in the store.
    imports: {
      start:
        options.runImport ??
        ((id) => {
          void runImport(engine, id, log);
          return Promise.resolve();
        }),
    },
  };

  const app = new Hono<AppEnv>();
  app.use(requestLog(options.logger));
  app.use(async (c, next) => {
    localeOf(c);
    await next();
  });
  // A finished write request has committed (or written nothing): event streams look now.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS')
      notifyChanges(ctx);
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problem(
          c,
          405,
          'method_not_allowed',
          { method: c.req.method, allow: methods.join(', ') },
          [],
          { allow: methods.join(', ') },
        ),
    }),
  );
  app.use('/f/*', limitBody(limits.intakeBodyBytes));
  app.use('/hooks/*', limitBody(limits.intakeBodyBytes));
  const apiLimit = limitBody(limits.bodyBytes);
  const fileLimit = limitBody(limits.fileBytes);
  // Import uploads are streamed to disk and limited there (limits.importBytes).
  app.use('/api/*', async (c, next) =>
    c.req.path === '/api/v1/files'
      ? await fileLimit(c, next)
      : c.req.path === '/api/v1/imports/uploads'
        ? await next()
        : await apiLimit(c, next),
  );
  app.use('/api/*', authMiddleware(ctx));
  app.use('*', csrfMiddleware(ctx));

  registerRoutes(app, ctx);
  registerStatic(app, options.staticDir);

  app.notFound((c) => problem(c, 404, 'route_not_found', { path: c.req.path }));
  app.onError((err, c) => {
    if (err instanceof HttpProblem)
      return problem(c, err.status, err.code, err.params, err.errors, err.headers, err.detail);
    // The database was busy a moment (a deadlock, a lock timeout; a WriterError carries the
    // code thrown in the writer) or the writer thread was restarting: nothing was committed of
    // this request, a retry is safe.
    if (store.transient(err))
      return problem(c, 503, 'database_busy', {}, [], { 'retry-after': '1' });
    if ((err as { name?: string }).name === 'WriterError')
      return problem(c, 503, 'writer_unavailable', {}, [], { 'retry-after': '1' });
    ctx.log({
      level: 'error',
      msg: 'request failed',
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return problem(c, 500, 'internal');
  });
  return Object.assign(app, { ctx });
}

/** ctx.log's entries (`{ level, msg, …fields }`) on the logger, else as JSON on stderr. */
function logTo(logger: AppLogger | undefined): (entry: Record<string, unknown>) => void {
  if (!logger) return (entry) => console.error(JSON.stringify(entry));
  return ({ level, msg, ...fields }) => {
    const method = level === 'error' || level === 'warn' || level === 'debug' ? level : 'info';
    logger[method](fields, typeof msg === 'string' ? msg : '');
  };
}
