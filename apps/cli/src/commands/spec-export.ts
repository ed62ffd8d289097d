import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openRuntime } from '@trellis/server';
import { resolveUserPath } from '../context';
import { say, type CliLocale } from '../locale';
import { dataOption, type CliCommand } from './command';
import { workspacePaths } from './workspace';

/** Adds a subcommand to the existing `spec` command (or creates it). */
export function specGroup(program: Command, locale: CliLocale): Command {
  return (
    program.commands.find((c) => c.name() === 'spec') ??
    program.command('spec').description(say(locale, '应用规格', 'App spec'))
  );
}

/** `trellis spec export [file] [--version N]`: the live (or a given) published spec as JSON. */
export const specExportCommand: CliCommand = {
  name: 'spec-export',
  register(program: Command, ctx, locale) {
    specGroup(program, locale)
      .command('export')
      .description(
        say(
          locale,
          '导出已发布的规格（默认当前版本）',
          'Export the published spec (default: the live version)',
        ),
      )
      .argument('[file]', say(locale, '输出文件（默认标准输出）', 'output file (default stdout)'))
      .option('--version <n>', say(locale, '版本号', 'version number'))
      .option(...dataOption(locale))
      .action(async (file: string | undefined, o: { version?: string; data?: string }) => {
        const paths = workspacePaths(ctx, locale, o);
        if (!paths) {
          ctx.exitCode = 2;
          return;
        }
        const rt = await openRuntime(paths);
        try {
          const versions = rt.store.specs;
          const v = o.version ? await versions.get(Number(o.version)) : await versions.live();
          if (!v) {
            ctx.stderr(say(locale, '没有已发布的规格\n', 'No published spec\n'));
            ctx.exitCode = 1;
            return;
          }
          const json = JSON.stringify(v.spec, null, 2) + '\n';
          if (file) {
            writeFileSync(resolveUserPath(ctx, file), json);
            ctx.stderr(say(locale, `已导出版本 ${v.version}\n`, `Exported version ${v.version}\n`));
          } else ctx.stdout(json);
        } finally {
          await rt.close();
        }
      });
  },
};
