import { openRuntime, type TrellisRuntime } from '@trellis/server';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { hasDatabase, workspacePaths } from './workspace';

/**
 * Opens the runtime of an initialised data directory for one command and closes it after;
 * an uninitialised directory is reported (exit code 1) and `fn` is not run. DATABASE_URL
 * (postgres://…) names the database instead of the directory's SQLite file.
 */
export function withRuntime<T>(
  ctx: CliContext,
  locale: CliLocale,
  data: string | undefined,
  fn: (rt: TrellisRuntime) => T | Promise<T>,
): Promise<T | undefined> | undefined {
  const paths = workspacePaths(ctx, locale, { data });
  if (!paths) {
    ctx.exitCode = 2;
    return undefined;
  }
  if (!hasDatabase(paths)) {
    ctx.stderr(
      say(
        locale,
        `数据目录 ${paths.dir} 还没有初始化，请先运行 trellis init\n`,
        `${paths.dir} is not initialised; run trellis init first\n`,
      ),
    );
    ctx.exitCode = 1;
    return undefined;
  }
  return openRuntime(paths).then(async (rt) => {
    try {
      return await fn(rt);
    } finally {
      await rt.close();
    }
  });
}
