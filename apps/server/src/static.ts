import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './types';

/**
 * Vite names every file under /assets/ by a hash of its content, so a browser may keep one for
 * good: a later page takes the shell's scripts from its cache instead of asking again (without
 * this a list opened after sign-in fetched all its ~110 scripts once more). Everything else —
 * index.html above all, which names the current hashes — is checked with the server each time.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const isAsset = (path: string) => path.startsWith('/assets/');
/** A file's answer with its cache header (for a missing file, serveStatic answers next()'s). */
const cached = (c: Context<AppEnv>, res: unknown) => {
  if (res instanceof Response)
    res.headers.set('cache-control', isAsset(c.req.path) ? IMMUTABLE : 'no-cache');
  return res as Response | undefined;
};

/**
 * Serves the web app's build output from `dir` for every GET that is not the API or intake,
 * with index.html as the fallback so client-side routes (and public form pages /f/<slug>) load.
 * A missing /assets/ file (a page from before a new build asking for an old chunk) is a 404,
 * not index.html: a script answered with HTML fails in a way nobody can read.
 */
export function registerStatic(app: Hono<AppEnv>, dir: string | undefined): void {
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  const isApp = (path: string) => !path.startsWith('/api/') && !path.startsWith('/hooks/');
  const files = serveStatic<AppEnv>({ root: dir });
  const index = serveStatic<AppEnv>({ root: dir, path: 'index.html' });
  app.use('*', async (c, next) =>
    c.req.method === 'GET' && isApp(c.req.path) ? cached(c, await files(c, next)) : await next(),
  );
  app.get('*', async (c, next) =>
    isApp(c.req.path) && !isAsset(c.req.path) ? cached(c, await index(c, next)) : await next(),
  );
}
