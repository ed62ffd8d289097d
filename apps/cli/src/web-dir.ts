import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveUserPath, type CliContext } from './context';

/** The web app built in this checkout (`pnpm --filter @trellis/web build` writes it). */
export const CHECKOUT_WEB_BUILD = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The folder of the web app build `trellis start` serves at `/`: `--web`, else TRELLIS_WEB,
 * else `<data>/web` when it holds a build (an operator's own copy), else the checkout's
 * `apps/web/dist`. Undefined when none holds an index.html: the API still runs.
 */
export function webDirOf(
  ctx: CliContext,
  option: string | undefined,
  dataWebDir: string,
): string | undefined {
  const given = option ?? ctx.env.TRELLIS_WEB;
  const candidates = given ? [resolveUserPath(ctx, given)] : [dataWebDir, CHECKOUT_WEB_BUILD];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
