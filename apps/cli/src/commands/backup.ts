import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { backupDataDir, dataDirOf, dataPaths } from '@trellis/server';
import { resolveUserPath } from '../context';
import { say } from '../locale';
import { dataOption, type CliCommand } from './command';
import { refusePostgresCopy } from './workspace';

/**
 * `trellis backup <file>`: one archive (.tar.gz) with the database, the uploaded files and
 * `secret.key`, consistent while the server keeps serving (see backupDataDir).
 */
export const backupCommand: CliCommand = {
  name: 'backup',
  register(program: Command, ctx, locale) {
    program
      .command('backup')
      .description(
        say(
          locale,
          '在线备份：数据库、上传的文件和 secret.key 打包成一个归档（服务运行时也一致）',
          'Online backup: the database, uploaded files and secret.key in one archive (consistent while serving)',
        ),
      )
      .argument('<file>', say(locale, '归档文件（.tar.gz）', 'archive file (.tar.gz)'))
      .option(...dataOption(locale))
      .action(async (file: string, o: { data?: string }) => {
        if (refusePostgresCopy(ctx, locale, 'backup')) return;
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
        const m = await backupDataDir(paths, target);
        ctx.stdout(
          say(
            locale,
            `已备份到 ${target}：数据库 ${m.dbPages} 页，${m.files.length} 个文件${m.secretKey ? '，secret.key' : ''}\n`,
            `Backed up to ${target}: database (${m.dbPages} pages), ${m.files.length} files${m.secretKey ? ', secret.key' : ''}\n`,
          ),
        );
        if (m.missingFiles.length > 0)
          ctx.stderr(
            say(
              locale,
              `注意：数据库引用的 ${m.missingFiles.length} 个文件不在磁盘上，未能备份\n`,
              `Note: ${m.missingFiles.length} files the database references were not on disk and are not in the backup\n`,
            ),
          );
      });
  },
};
