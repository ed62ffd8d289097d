import type { Command } from 'commander';
import { ADMIN_ROLE } from '@trellis/engine';
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  passwordProblemText,
} from '@trellis/server';
import { say } from '../locale';
import { dataOption, type CliCommand } from './command';
import { withRuntime } from './with-runtime';

type AddOptions = {
  login: string;
  password: string;
  role: string;
  team?: string[];
  supervisor?: string;
  name?: string;
  data?: string;
};

/** `trellis users add|list|disable`. */
export const usersCommand: CliCommand = {
  name: 'users',
  register(program: Command, ctx, locale) {
    const users = program
      .command('users')
      .description(say(locale, '管理本地账号', 'Manage local accounts'));
    const dataOpt = dataOption(locale);
    users
      .command('add')
      .description(say(locale, '添加用户', 'Add a user'))
      .requiredOption('--login <login>', say(locale, '登录名', 'login'))
      .requiredOption(
        '--password <password>',
        say(
          locale,
          `密码（至少 ${MIN_PASSWORD_LENGTH} 位，不能是常见密码）`,
          `password (${MIN_PASSWORD_LENGTH}+ characters, not a common one)`,
        ),
      )
      .requiredOption('--role <role>', say(locale, '角色键', 'role key'))
      .option('--team <team...>', say(locale, '团队键（可多个）', 'team keys'))
      .option('--supervisor <login>', say(locale, '上级的登录名', 'login of the supervisor'))
      .option('--name <name>', say(locale, '显示名', 'display name'))
      .option(...dataOpt)
      .action((o: AddOptions) =>
        withRuntime(ctx, locale, o.data, async (rt) => {
          const repo = rt.app.ctx.users;
          const errors: string[] = [];
          const spec = await rt.app.ctx.spec();
          if (!/^[A-Za-z0-9._@-]{2,64}$/.test(o.login))
            errors.push(say(locale, `登录名无效：${o.login}`, `Invalid login: ${o.login}`));
          else if (await repo.byLogin(o.login))
            errors.push(say(locale, `登录名 ${o.login} 已被使用`, `The login ${o.login} is taken`));
          const weak = await passwordProblem(o.password, { login: o.login });
          if (weak) errors.push(passwordProblemText(weak, locale));
          if (o.role !== ADMIN_ROLE && !spec?.roles?.some((r) => r.key === o.role))
            errors.push(
              say(
                locale,
                `未知角色：${o.role}（可用：${(spec?.roles ?? []).map((r) => r.key).join(', ')}）`,
                `Unknown role: ${o.role} (known: ${(spec?.roles ?? []).map((r) => r.key).join(', ')})`,
              ),
            );
          for (const t of o.team ?? [])
            if (!(await repo.teamExists(t)))
              errors.push(say(locale, `未知团队：${t}`, `Unknown team: ${t}`));
          const supervisor = o.supervisor ? await repo.byLogin(o.supervisor) : undefined;
          if (o.supervisor && !supervisor)
            errors.push(
              say(locale, `找不到上级：${o.supervisor}`, `No such supervisor: ${o.supervisor}`),
            );
          if (errors.length > 0) {
            ctx.stderr(errors.join('\n') + '\n');
            ctx.exitCode = 1;
            return;
          }
          await repo.insert(
            {
              login: o.login,
              name: o.name ?? o.login,
              passwordHash: await hashPassword(o.password),
              role: o.role,
              teams: o.team ?? [],
              supervisorId: supervisor?.id ?? null,
            },
            Date.now(),
          );
          ctx.stdout(
            say(
              locale,
              `已添加用户 ${o.login}（${o.role}）\n`,
              `Added user ${o.login} (${o.role})\n`,
            ),
          );
        }),
      );
    users
      .command('list')
      .description(say(locale, '列出用户', 'List users'))
      .option('--json', 'JSON')
      .option(...dataOpt)
      .action((o: { data?: string; json?: boolean }) =>
        withRuntime(ctx, locale, o.data, async (rt) => {
          const list = await rt.app.ctx.users.list();
          if (o.json) return ctx.stdout(JSON.stringify(list, null, 2) + '\n');
          for (const u of list)
            ctx.stdout(
              `${u.login.padEnd(16)} ${u.role.padEnd(12)} ${u.status.padEnd(9)} ${u.teams.join(',')}\n`,
            );
        }),
      );
    users
      .command('disable')
      .description(
        say(
          locale,
          '停用用户（并注销其会话、吊销其 API 令牌）',
          'Disable a user (and end their sessions and API tokens)',
        ),
      )
      .argument('<login>')
      .option(...dataOpt)
      .action((login: string, o: { data?: string }) =>
        withRuntime(ctx, locale, o.data, async (rt) => {
          const row = await rt.app.ctx.users.byLogin(login);
          if (!row) {
            ctx.stderr(say(locale, `找不到用户：${login}\n`, `No such user: ${login}\n`));
            ctx.exitCode = 1;
            return;
          }
          // The API's transaction: the engine's rule (never the last one who can manage users),
          // the status, and the person's sessions and tokens ended, together.
          const done = await rt.app.ctx.changeUser(row.id, { status: 'disabled' }, Date.now());
          if (!done.ok) {
            ctx.stderr(
              say(
                locale,
                `${login} 是唯一能管理用户的在职人员，不能停用。请先让另一人拥有该权限。\n`,
                `${login} is the only active person who can manage users and cannot be disabled. Give that right to someone else first.\n`,
              ),
            );
            ctx.exitCode = 1;
            return;
          }
          ctx.stdout(say(locale, `已停用 ${login}\n`, `Disabled ${login}\n`));
        }),
      );
  },
};
