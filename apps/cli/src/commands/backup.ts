import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { backupDatabase, dataDirOf, dataPaths } from '@trellis/server';
import { resolveUserPath } from '../context';
import { say } from '../locale';
import { dataOption, type CliCommand } from './command';

/**
 * `trellis backup <file>`: SQLite's online backup API copies a consistent snapshot page by page
 * while the server keeps serving (WAL readers are never blocked).
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  register(program: Command, ctx, locale) {
    program
      .command('backup')
      .description(
        say(
          locale,
          '在线备份数据库（服务运行时也一致）',
          'Online backup of the database (consistent while serving)',
        ),
      )
      .argument('<file>')
      .option(...dataOption(locale))
      .action(async (file: string, o: { data?: string }) => {
        const paths = dataPaths(dataDirOf(o.data, ctx.env, ctx.cwd));
        if (!existsSync(paths.db)) {
          ctx.stderr(say(locale, `找不到数据库：${paths.db}\n`, `No database at ${paths.db}\n`));
          ctx.exitCode = 1;
          return;
        }
        const target = resolveUserPath(ctx, file);
        if (existsSync(target)) {
          ctx.stderr(say(locale, `目标文件已存在：${target}\n`, `The target exists: ${target}\n`));
          ctx.exitCode = 1;
          return;
        }
        const pages = await backupDatabase(paths.db, target);
        ctx.stdout(
          say(
            locale,
            `已备份 ${pages} 页到 ${target}\n`,
            `Backed up ${pages} pages to ${target}\n`,
          ),
        );
      });
  },
};
