import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { checkBackup, dataDirOf, dataPaths } from '@trellis/server';
import { resolveUserPath } from '../context';
import { say } from '../locale';
import { dataOption, type CliCommand } from './command';

/**
 * `trellis restore <file>`: replaces the data directory's database with a backup (stop the
 * server first). The current database is kept next to it as `trellis.db.before-restore-<time>`.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  register(program: Command, ctx, locale) {
    program
      .command('restore')
      .description(
        say(
          locale,
          '从备份恢复数据库（请先停止服务）',
          'Restore the database from a backup (stop the server first)',
        ),
      )
      .argument('<file>')
      .option(...dataOption(locale))
      .action((file: string, o: { data?: string }) => {
        const paths = dataPaths(dataDirOf(o.data, ctx.env, ctx.cwd));
        const source = resolveUserPath(ctx, file);
        const problem = existsSync(source)
          ? checkBackup(source)
          : say(locale, '文件不存在', 'no such file');
        if (problem) {
          ctx.stderr(
            say(
              locale,
              `不是有效的 Trellis 备份：${source}（${problem}）\n`,
              `Not a valid Trellis backup: ${source} (${problem})\n`,
            ),
          );
          ctx.exitCode = 1;
          return;
        }
        if (existsSync(paths.db)) {
          const kept = `${paths.db}.before-restore-${Date.now()}`;
          renameSync(paths.db, kept);
          ctx.stdout(
            say(locale, `原数据库已保留为 ${kept}\n`, `The previous database is kept as ${kept}\n`),
          );
        }
        for (const suffix of ['-wal', '-shm']) rmSync(paths.db + suffix, { force: true });
        copyFileSync(source, paths.db);
        ctx.stdout(say(locale, `已从 ${source} 恢复\n`, `Restored from ${source}\n`));
      });
  },
};
