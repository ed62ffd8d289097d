import { Option } from 'commander';
import { seedProfiles, seedWorkspace } from '@trellis/server';
import { openStore } from '@trellis/store';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { dataOption, type CliCommand } from './command';
import { hasDatabase, workspacePaths } from './workspace';

type SeedArgs = { template: string; records: string; seed: string; data?: string; json?: boolean };

/** `trellis seed --template <t> --records N --seed S`: a deterministic year of demo data. */
export const seedCommand: CliCommand = {
  name: 'seed',
  register(program, ctx, locale) {
    const s = (zh: string, en: string) => say(locale, zh, en);
    program
      .command('seed')
      .description(
        s(
          '为已安装的模板生成一年的演示数据（同一个种子总是生成同样的数据）',
          'Generate a year of demo data for an installed template (the same seed always gives the same data)',
        ),
      )
      .addOption(
        new Option('--template <name>', s('模板', 'template'))
          .choices(Object.keys(seedProfiles))
          .makeOptionMandatory(),
      )
      .option(
        '--records <n>',
        s('主记录数（线索 / 客户）', 'main records (leads / customers)'),
        '8000',
      )
      .option('--seed <n>', s('随机种子', 'random seed'), '1')
      .option(...dataOption(locale))
      .option('--json', s('以 JSON 输出', 'print JSON'))
      .action((o: SeedArgs) => runSeed(ctx, locale, o));
  },
};

async function runSeed(ctx: CliContext, locale: CliLocale, o: SeedArgs): Promise<void> {
  const s = (zh: string, en: string) => say(locale, zh, en);
  const records = Number(o.records);
  const seed = Number(o.seed);
  if (!Number.isInteger(records) || records < 0 || records > 1_000_000 || !Number.isInteger(seed)) {
    ctx.exitCode = 2;
    ctx.stderr(
      s(
        '--records 须为 0 到 1000000 的整数，--seed 须为整数\n',
        '--records takes a whole number from 0 to 1,000,000 and --seed a whole number\n',
      ),
    );
    return;
  }
  const paths = workspacePaths(ctx, locale, o);
  if (!paths) {
    ctx.exitCode = 2;
    return;
  }
  if (!hasDatabase(paths)) {
    ctx.exitCode = 1;
    ctx.stderr(
      s(
        `${paths.dir} 还没有初始化：先运行 trellis init --template ${o.template}\n`,
        `${paths.dir} is not initialised: run trellis init --template ${o.template} first\n`,
      ),
    );
    return;
  }
  const store = await openStore({ url: paths.db, locale });
  try {
    const live = await store.specs.live();
    if (!live || !(await store.templates.get(o.template))) {
      ctx.exitCode = 1;
      ctx.stderr(
        s(
          `工作区没有安装模板 ${o.template}：先运行 trellis template install ${o.template}\n`,
          `The template ${o.template} is not installed here: run trellis template install ${o.template} first\n`,
        ),
      );
      return;
    }
    const started = performance.now();
    const report = await seedWorkspace(store, live.spec, seedProfiles[o.template]!, {
      records,
      seed,
    });
    const ms = Math.round(performance.now() - started);
    ctx.exitCode = report.refused > 0 ? 1 : 0;
    if (o.json) {
      ctx.stdout(JSON.stringify({ ...report, ms }) + '\n');
      return;
    }
    const counts = Object.entries(report.records)
      .map(([e, n]) => `${e} ${n}`)
      .join(', ');
    ctx.stdout(
      s(
        `✓ 已生成 ${counts}；活动 ${report.activities}，阶段变更 ${report.transitions}，新用户 ${report.users}；成交占比 ${(report.wonShare * 100).toFixed(1)}%（${ms} ms）\n`,
        `✓ Made ${counts}; ${report.activities} activities, ${report.transitions} stage changes, ${report.users} new users; ${(report.wonShare * 100).toFixed(1)}% won (${ms} ms)\n`,
      ),
    );
    if (report.refused > 0)
      ctx.stderr(
        s(
          `✗ ${report.refused} 条记录未通过规则：`,
          `✗ ${report.refused} records failed the rules: `,
        ) +
          report.reasons.map((e) => `${e.path} ${e.message}`).join('; ') +
          '\n',
      );
  } finally {
    await store.close();
  }
}
