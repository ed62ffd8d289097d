import { dataDirOf, dataPaths, openRuntime, type TrellisRuntime } from '@trellis/server';
import { existsSync } from 'node:fs';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';

/**
 * Opens the runtime of an initialised data directory for one command and closes it after;
 * an uninitialised directory is reported (exit code 1) and `fn` is not run.
 */
export function withRuntime<T>(
  ctx: CliContext,
  locale: CliLocale,
  data: string | undefined,
  fn: (rt: TrellisRuntime) => T | Promise<T>,
): Promise<T | undefined> | undefined {
  const paths = dataPaths(dataDirOf(data, ctx.env, ctx.cwd));
  if (!existsSync(paths.db)) {
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
