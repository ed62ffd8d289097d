import { Option, type Command } from 'commander';
import { openStore } from '@trellis/store';
import type { CliContext } from '../context';
import { CLI_LOCALES, say, type CliLocale } from '../locale';
import { installTemplateCommand, type InstallOptions } from '../template/install-command';
import { packTemplateCommand } from '../template/pack-command';
import { validateTemplateCommand } from '../template/validate-command';
import { dataOption, type CliCommand } from './command';
import { hasDatabase, workspacePaths } from './workspace';

/** `trellis template validate|pack|install|upgrade|list` (docs/templates.md). */
export const templateCommand: CliCommand = {
  name: 'template',
  register(program, ctx, locale) {
    const s = (zh: string, en: string) => say(locale, zh, en);
    const t = program
      .command('template')
      .description(s('检查、打包、安装和升级模板', 'Check, pack, install and upgrade templates'));
    t.command('validate')
      .description(
        s(
          '检查模板文件夹：清单、规格（与搭建器相同的提示）、引擎版本、演示数据、预览图、package.json',
          "Check a template folder: manifest, spec (the builder's messages), engine range, demo recipe, previews, package.json",
        ),
      )
      .argument('<dir>', s('模板文件夹', 'template folder'))
      .addOption(localeOption(locale))
      .option('--json', s('以 JSON 输出', 'print JSON'))
      .action((dir: string, o: { locale: CliLocale; json?: boolean }) =>
        validateTemplateCommand(ctx, dir, o),
      );
    t.command('pack')
      .description(
        s('检查后用 npm 打包成可发布的 .tgz', 'Check, then pack into an npm-publishable .tgz'),
      )
      .argument('<dir>', s('模板文件夹', 'template folder'))
      .option(
        '--out <dir>',
        s('.tgz 写到哪个文件夹（默认当前文件夹）', 'folder the .tgz goes to (default: here)'),
      )
      .addOption(localeOption(locale))
      .option('--json', s('以 JSON 输出', 'print JSON'))
      .action((dir: string, o: { locale: CliLocale; out?: string; json?: boolean }) =>
        packTemplateCommand(ctx, dir, o),
      );
    for (const name of ['install', 'upgrade'] as const)
      installOptions(
        t
          .command(name)
          .description(
            name === 'install'
              ? s(
                  '通过发布流程把模板装进工作区（显示差异、冲突和迁移计划，从不删除数据）',
                  'Install a template into the workspace through publish (diff, conflicts and migration plan shown; never destroys data)',
                )
              : s(
                  '把已安装的模板升级到新版本：三方合并，保留工作区的自定义，冲突由你选择',
                  "Upgrade an installed template: a three-way merge that keeps the workspace's customisations; you choose on conflicts",
                ),
          )
          .argument(
            '<source>',
            s(
              '模板文件夹、.tgz、内置模板名或 npm 包名',
              'template folder, .tgz, bundled template name or npm package',
            ),
          ),
        ctx,
        locale,
        name === 'upgrade',
      );
    t.command('list')
      .description(s('列出工作区已安装的模板', 'List the templates installed in the workspace'))
      .option(...dataOption(locale))
      .action(async (o: { data?: string }) => listTemplates(ctx, locale, o.data));
  },
};

function installOptions(c: Command, ctx: CliContext, locale: CliLocale, upgrade: boolean): void {
  const s = (zh: string, en: string) => say(locale, zh, en);
  c.option(...dataOption(locale))
    .option('--dry-run', s('只显示计划，不做改动', 'show the plan, change nothing'))
    .option(
      '--choose <path=ours|theirs>',
      s(
        '为一处冲突选择：保留工作区的（ours）或采用模板的（theirs），可重复',
        "choose for one conflict: keep the workspace's (ours) or take the template's (theirs); repeatable",
      ),
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(
      new Option(
        '--choose-all <side>',
        s('所有未单独选择的冲突都这样选', 'choose this for every conflict not chosen one by one'),
      ).choices(['ours', 'theirs']),
    )
    .option(
      '--resolutions <file>',
      s(
        '数据迁移选择的 JSON 文件（警告 id → 处理方式）',
        'JSON file of migration choices (warning id -> resolution)',
      ),
    )
    .addOption(localeOption(locale))
    .option('--json', s('以 JSON 输出', 'print JSON'))
    .action((source: string, o: InstallOptions) =>
      installTemplateCommand(ctx, source, { ...o, upgrade }),
    );
}

function localeOption(locale: CliLocale): Option {
  return new Option('--locale <locale>', say(locale, '信息的语言', 'language of the messages'))
    .choices(CLI_LOCALES)
    .default(locale);
}

async function listTemplates(ctx: CliContext, locale: CliLocale, data?: string): Promise<void> {
  const paths = workspacePaths(ctx, locale, { data });
  if (!paths || !hasDatabase(paths)) {
    ctx.exitCode = 1;
    if (paths)
      ctx.stderr(say(locale, `${paths.dir} 还没有初始化\n`, `${paths.dir} is not initialised\n`));
    return;
  }
  const store = await openStore({ url: paths.db, locale });
  try {
    const list = await store.templates.list();
    if (list.length === 0) ctx.stdout(say(locale, '没有安装模板\n', 'No template installed\n'));
    for (const t of list)
      ctx.stdout(
        `${t.name.padEnd(16)} ${t.version.padEnd(10)} ${say(locale, '规格版本', 'spec version')} ${t.specVersion ?? '-'}  ${new Date(t.installedAt).toISOString()}\n`,
      );
    ctx.exitCode = 0;
  } finally {
    await store.close();
  }
}
