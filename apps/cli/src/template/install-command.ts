import { readFileSync } from 'node:fs';
import { applyTemplate, checkTemplate, planTemplate } from '@trellis/server';
import type { TemplatePlan } from '@trellis/server';
import type { ConflictChoice } from '@trellis/spec';
import { openStore, type Resolutions } from '@trellis/store';
import { resolveUserPath, type CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { formatPlan, formatRefusal } from './print-plan';
import { openTemplateSource } from './source';
import { formatTemplateIssues } from './validate-command';
import { hasDatabase, workspacePaths } from '../commands/workspace';

export type InstallOptions = {
  locale: CliLocale;
  data?: string;
  dryRun?: boolean;
  /** `path=ours|theirs`, one per conflict. */
  choose?: string[];
  chooseAll?: ConflictChoice;
  /** A JSON file of migration resolutions (warning id -> resolution). */
  resolutions?: string;
  json?: boolean;
  /** `upgrade`: the template must be installed already. */
  upgrade?: boolean;
};

/**
 * `trellis template install|upgrade <dir|tgz|name|package>`: checks the template, plans the
 * merge into the workspace (conflicts and migration shown), and unless `--dry-run` applies it
 * through publish. Refused while a conflict has no choice. Exit 0 done, 1 refused, 2 unreadable.
 */
export async function installTemplateCommand(
  ctx: CliContext,
  source: string,
  o: InstallOptions,
): Promise<void> {
  const s = (zh: string, en: string) => say(o.locale, zh, en);
  const paths = workspacePaths(ctx, o.locale, o);
  if (!paths) {
    ctx.exitCode = 2;
    return;
  }
  if (!hasDatabase(paths)) {
    ctx.exitCode = 1;
    ctx.stderr(
      s(
        `数据目录 ${paths.dir} 还没有初始化：新工作区请用 trellis init --template ${source}\n`,
        `${paths.dir} is not initialised: start a new workspace with trellis init --template ${source}\n`,
      ),
    );
    return;
  }
  const choices = parseChoices(o.choose ?? []);
  if (!choices.ok) {
    ctx.exitCode = 2;
    ctx.stderr(
      s(
        `--choose 格式应为 路径=ours|theirs：${choices.bad}\n`,
        `--choose takes path=ours|theirs: ${choices.bad}\n`,
      ),
    );
    return;
  }
  const opened = await openTemplateSource(ctx, source);
  if (!opened.ok) {
    ctx.exitCode = 2;
    ctx.stderr(
      s(
        `无法读取模板 ${source}：${opened.reason}\n`,
        `Cannot read the template ${source}: ${opened.reason}\n`,
      ),
    );
    return;
  }
  const store = await openStore({ url: paths.db, locale: o.locale });
  try {
    const checked = checkTemplate(opened.dir, { locale: o.locale });
    if (!checked.ok) {
      ctx.exitCode = checked.kind === 'unreadable' ? 2 : 1;
      ctx.stderr(
        s('✗ 模板无效：\n', '✗ The template is not valid:\n') +
          formatTemplateIssues(checked.errors, o.locale),
      );
      return;
    }
    const m = checked.bundle.manifest;
    const template = { name: m.name, version: m.version, spec: checked.bundle.spec };
    if (o.upgrade && !(await store.templates.get(m.name))) {
      ctx.exitCode = 1;
      ctx.stderr(
        s(
          `工作区没有安装 ${m.name}，请用 trellis template install\n`,
          `${m.name} is not installed here; use trellis template install\n`,
        ),
      );
      return;
    }
    const migration = o.resolutions ? readResolutions(resolveUserPath(ctx, o.resolutions)) : {};
    const opts = {
      locale: o.locale,
      choices: choices.value,
      ...(o.chooseAll ? { chooseAll: o.chooseAll } : {}),
      resolutions: migration,
    };
    if (o.dryRun) {
      const plan = await planTemplate(store, template, opts);
      ctx.exitCode = plan.errors.length > 0 ? 1 : 0;
      report(ctx, o, plan, plan.errors);
      return;
    }
    const result = await applyTemplate(store, template, opts);
    ctx.exitCode = result.ok ? 0 : 1;
    report(ctx, o, result.plan, result.ok ? [] : result.errors);
    if (result.ok && !o.json)
      ctx.stdout(
        result.unchanged
          ? s(
              `✓ 已记录 ${m.name} ${m.version}，规格未变（版本 ${result.version}）\n`,
              `✓ Recorded ${m.name} ${m.version}; the spec is unchanged (version ${result.version})\n`,
            )
          : s(
              `✓ 已发布规格版本 ${result.version}\n`,
              `✓ Published spec version ${result.version}\n`,
            ),
      );
  } finally {
    await store.close();
    opened.dispose();
  }
}

function report(
  ctx: CliContext,
  o: InstallOptions,
  plan: TemplatePlan,
  errors: Parameters<typeof formatRefusal>[0],
): void {
  if (o.json) {
    const { spec: _spec, migration, ...rest } = plan;
    ctx.stdout(
      JSON.stringify({
        ok: errors.length === 0,
        plan: {
          ...rest,
          migration: migration ? { steps: migration.steps, warnings: migration.warnings } : null,
        },
        errors: errors.map(({ path, code, message }) => ({ path, code, message })),
      }) + '\n',
    );
    return;
  }
  ctx.stdout(formatPlan(plan, o.locale));
  if (errors.length > 0) ctx.stderr(formatRefusal(errors, o.locale));
}

function parseChoices(
  list: string[],
): { ok: true; value: Record<string, ConflictChoice> } | { ok: false; bad: string } {
  const value: Record<string, ConflictChoice> = {};
  for (const item of list) {
    const at = item.lastIndexOf('=');
    const choice = item.slice(at + 1);
    if (at <= 0 || (choice !== 'ours' && choice !== 'theirs')) return { ok: false, bad: item };
    value[item.slice(0, at)] = choice;
  }
  return { ok: true, value };
}

function readResolutions(file: string): Resolutions {
  return JSON.parse(readFileSync(file, 'utf8')) as Resolutions;
}
