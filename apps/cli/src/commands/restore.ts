import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { dataDirOf, dataPaths, restoreDataDir } from '@trellis/server';
import { resolveUserPath } from '../context';
import { say } from '../locale';
import { dataOption, type CliCommand } from './command';
import { refusePostgresCopy } from './workspace';

/**
 * `trellis restore <file>`: puts back the database, uploads and secret.key of a backup archive.
 * Refused while a server (or any command) uses the data directory; the previous state is kept
 * in `before-restore-<time>/`.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  register(program: Command, ctx, locale) {
    program
      .command('restore')
      .description(
        say(
          locale,
          '从备份归档恢复数据库、文件和 secret.key（请先停止服务）',
          'Restore the database, files and secret.key from a backup archive (stop the server first)',
        ),
      )
      .argument('<file>')
      .option(...dataOption(locale))
      .action(async (file: string, o: { data?: string }) => {
        if (refusePostgresCopy(ctx, locale, 'restore')) return;
        const paths = dataPaths(dataDirOf(o.data, ctx.env, ctx.cwd));
        const source = resolveUserPath(ctx, file);
        if (!existsSync(source)) {
          ctx.stderr(say(locale, `文件不存在：${source}\n`, `No such file: ${source}\n`));
          ctx.exitCode = 1;
          return;
        }
        const result = await restoreDataDir(paths, source);
        if (!result.ok) {
          ctx.stderr(
            result.code === 'invalid_backup'
              ? say(
                  locale,
                  `不是有效的 Trellis 备份：${source}（${result.reason}）\n`,
                  `Not a valid Trellis backup: ${source} (${result.reason})\n`,
                )
              : result.code === 'restoring'
                ? say(
                    locale,
                    `${paths.dir} 正在被另一个恢复操作使用，未做任何改动\n`,
                    `Another restore is using ${paths.dir}; nothing was changed\n`,
                  )
                : say(
                    locale,
                    `${paths.dir} 正在被使用（服务正在运行？）。请先停止 trellis start 再恢复；未做任何改动\n`,
                    `${paths.dir} is in use (is the server running?). Stop trellis start, then restore; nothing was changed\n`,
                  ),
          );
          ctx.exitCode = 1;
          return;
        }
        if (result.keptAs)
          ctx.stdout(
            say(
              locale,
              `原来的数据已保留在 ${result.keptAs}\n`,
              `The previous data is kept in ${result.keptAs}\n`,
            ),
          );
        ctx.stdout(
          result.kind === 'archive'
            ? say(
                locale,
                `已从 ${source} 恢复数据库、${result.files} 个文件和 secret.key\n`,
                `Restored the database, ${result.files} files and secret.key from ${source}\n`,
              )
            : say(
                locale,
                `已从 ${source} 恢复数据库（旧格式备份，文件和 secret.key 未变）\n`,
                `Restored the database from ${source} (an older database-only backup: files and secret.key unchanged)\n`,
              ),
        );
      });
  },
};
