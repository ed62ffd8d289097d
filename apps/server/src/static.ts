import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './types';

/**
 * Serves the web app's build output from `dir` for every GET that is not the API or intake,
 * with index.html as the fallback so client-side routes (and public form pages /f/<slug>) load.
 */
export function registerStatic(app: Hono<AppEnv>, dir: string | undefined): void {
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  const isApp = (path: string) => !path.startsWith('/api/') && !path.startsWith('/hooks/');
  app.use('*', async (c, next) =>
    c.req.method === 'GET' && isApp(c.req.path)
      ? await serveStatic({ root: dir })(c, next)
      : await next(),
  );
  app.get('*', async (c, next) =>
    isApp(c.req.path)
      ? await serveStatic({ root: dir, path: 'index.html' })(c, next)
      : await next(),
  );
}
