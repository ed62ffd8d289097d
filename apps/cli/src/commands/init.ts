import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  applyTemplate,
  bundleTemplate,
  createAdmin,
  ensureDataDir,
  onPostgres,
  openRuntime,
} from '@trellis/server';
import { openStore } from '@trellis/store';
import { resolveUserPath, type CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { bundledTemplateDir } from '../template/source';
import { dataOption, type CliCommand } from './command';
import { loadInitDemo } from './init-demo';
import { databaseOption, safeUrl, workspacePaths } from './workspace';

/** File in the data directory holding the demo logins, so `trellis start` can show them again. */
export const DEMO_CREDENTIALS = 'demo-credentials.json';

export type InitOptions = {
  template?: string;
  demo?: boolean;
  data?: string;
  /** A `postgres://` URL (else DATABASE_URL, else the data directory's SQLite file). */
  database?: string | undefined;
  admin?: string;
};

/** Folder of a template: a bundled template name (`education`) or a path to a template folder. */
function templateDir(ctx: CliContext, name: string): string {
  return bundledTemplateDir(name) ?? resolveUserPath(ctx, name);
}

/**
 * `trellis init`: creates the data directory, installs the template through the publish path,
 * creates the admin (password printed once) and, with --demo, the demo users and records.
 * Returns false (and prints why) when something went wrong.
 */
export async function runInit(
  ctx: CliContext,
  locale: CliLocale,
  o: InitOptions,
): Promise<boolean> {
  const where = workspacePaths(ctx, locale, o);
  if (!where) return false;
  const paths = ensureDataDir(where.dir, onPostgres(where) ? where.db : undefined);
  // The data directory keeps the secret key and uploads; the records go to PostgreSQL when named.
  const place = onPostgres(paths) ? `${safeUrl(paths.db)} (${paths.dir})` : paths.dir;
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ url: paths.db, locale });
  } catch (error) {
    ctx.stderr(
      say(
        locale,
        `连接不上数据库 ${safeUrl(paths.db)}：${(error as Error).message}\n`,
        `Cannot reach the database ${safeUrl(paths.db)}: ${(error as Error).message}\n`,
      ),
    );
    return false;
  }
  const dir = templateDir(ctx, o.template ?? 'education');
  // The installed template's name, from its manifest (the demo is chosen by it).
  let name = '';
  try {
    if ((await store.specs.liveVersion()) !== null) {
      ctx.stdout(say(locale, `已经初始化过：${place}\n`, `Already initialised: ${place}\n`));
      return true;
    }
    const bundle = bundleTemplate(dir, { locale });
    if (!bundle.ok) {
      ctx.stderr(bundle.errors.map((e) => `${e.path}: ${e.message}`).join('\n') + '\n');
      return false;
    }
    const { version } = bundle.manifest;
    name = bundle.manifest.name;
    // Through the template install path, so the workspace remembers which template (and version)
    // it runs: the base of a later upgrade.
    const installed = await applyTemplate(store, { name, version, spec: bundle.spec }, { locale });
    if (!installed.ok) {
      ctx.stderr(
        say(locale, '模板安装失败：\n', 'The template did not install:\n') +
          installed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n') +
          '\n',
      );
      return false;
    }
    ctx.stdout(
      say(
        locale,
        `已安装模板 ${name} ${version}（规格版本 ${installed.version}）到 ${place}\n`,
        `Installed template ${name} ${version} (spec version ${installed.version}) into ${place}\n`,
      ),
    );
  } finally {
    await store.close();
  }
  const rt = await openRuntime(paths);
  try {
    const demo = o.demo ? await loadInitDemo(rt, dir, name) : null;
    if (demo) {
      if (!demo.users.some((u) => u.role === 'admin')) {
        const admin = await createAdmin(rt.store, o.admin ?? 'admin');
        demo.users.unshift({
          login: admin.login,
          role: 'admin',
          password: admin.password,
          teams: [],
          leads: [],
        });
      }
      writeFileSync(join(paths.dir, DEMO_CREDENTIALS), JSON.stringify(demo.users, null, 2), {
        mode: 0o600,
      });
      ctx.stdout(
        say(
          locale,
          `演示数据：${demo.records} 条记录，${demo.users.length} 个用户`,
          `Demo data: ${demo.records} records, ${demo.users.length} users`,
        ) +
          (demo.failures.length
            ? say(
                locale,
                `（${demo.failures.length} 条未能导入）`,
                ` (${demo.failures.length} could not be loaded)`,
              )
            : '') +
          '\n',
      );
      for (const f of demo.failures.slice(0, 5)) ctx.stderr(`  ${f.ref}: ${f.reason}\n`);
      printLogins(ctx, locale, demo.users);
    } else {
      if (o.demo)
        ctx.stdout(
          say(
            locale,
            `模板 ${name} 不带演示数据：只创建管理员\n`,
            `The template ${name} comes without demo data: only the admin is created\n`,
          ),
        );
      const admin = await createAdmin(rt.store, o.admin ?? 'admin');
      ctx.stdout(
        say(
          locale,
          `管理员：${admin.login}  密码：${admin.password}（只显示这一次，请妥善保存）\n`,
          `Admin: ${admin.login}  password: ${admin.password} (shown only this once; keep it safe)\n`,
        ),
      );
    }
    return true;
  } finally {
    await rt.close();
  }
}

/** Prints demo logins as a table: login, role, password and teams (a team the user leads marked ★). */
export function printLogins(
  ctx: CliContext,
  locale: CliLocale,
  users: { login: string; role: string; password: string; teams?: string[]; leads?: string[] }[],
): void {
  ctx.stdout(say(locale, '演示账号（★ 表示组长）：\n', 'Demo logins (★ leads the team):\n'));
  for (const u of users) {
    const teams = (u.teams ?? []).map((t) => ((u.leads ?? []).includes(t) ? `${t}★` : t));
    ctx.stdout(
      `  ${u.login.padEnd(14)} ${u.role.padEnd(11)} ${u.password.padEnd(18)} ${teams.join(', ')}\n`.trimEnd() +
        '\n',
    );
  }
}

export const initCommand: CliCommand = {
  name: 'init',
  register(program: Command, ctx, locale) {
    program
      .command('init')
      .description(
        say(
          locale,
          '创建数据目录，通过发布流程安装模板，创建管理员（可选演示数据）',
          'Create the data directory, install a template through publish, create the admin (optionally demo data)',
        ),
      )
      .option(
        '--template <name>',
        say(locale, '模板名或模板文件夹', 'template name or folder'),
        'education',
      )
      .option('--demo', say(locale, '导入演示用户和记录', 'load demo users and records'))
      .option('--admin <login>', say(locale, '管理员登录名', 'admin login'), 'admin')
      .option(...dataOption(locale))
      .option(...databaseOption(locale))
      .action(async (o: InitOptions) => {
        ctx.exitCode = (await runInit(ctx, locale, o)) ? 0 : 1;
      });
  },
};
