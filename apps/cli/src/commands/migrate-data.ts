import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { dataDirOf, dataPaths } from '@trellis/server';
import { copyWorkspace, dialectOf, openStore, type CopyProgress } from '@trellis/store';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import type { CliCommand } from './command';

/** Progress on stderr: each table once done, and every 50,000 rows of a large one. */
function progressPrinter(ctx: CliContext, locale: CliLocale) {
  return (p: CopyProgress) => {
    if (p.done !== p.total && p.done % 50_000 !== 0) return;
    const what = p.phase === 'copy' ? say(locale, '复制', 'copy') : say(locale, '校验', 'verify');
    ctx.stderr(`${what} ${p.table} ${p.done}/${p.total}\n`);
  };
}

/** Hides the password of a database URL in messages. */
const safeUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

async function migrate(
  ctx: CliContext,
  locale: CliLocale,
  o: { from?: string; to?: string; replace?: boolean },
): Promise<void> {
  const fail = (zh: string, en: string) => {
    ctx.stderr(`${say(locale, zh, en)}\n`);
    ctx.exitCode = 1;
  };
  const paths = dataPaths(dataDirOf(o.from, ctx.env, ctx.cwd));
  const to = o.to ?? ctx.env.DATABASE_URL;
  if (!existsSync(paths.db)) return fail(`找不到数据库：${paths.db}`, `No database at ${paths.db}`);
  if (!to || dialectOf(to) !== 'postgres')
    return fail(
      '请用 --to postgres://… （或 DATABASE_URL）指定目标 PostgreSQL 数据库',
      'Name the target PostgreSQL database with --to postgres://… (or DATABASE_URL)',
    );
  const storeLocale = locale === 'zh-CN' ? 'zh-CN' : 'en';
  const source = await openStore({ url: paths.db, readOnly: true, locale: storeLocale });
  try {
    const target = await openStore({ url: to, locale: storeLocale }).catch((e: unknown) => {
      fail(
        `连接不上 ${safeUrl(to)}：${(e as Error).message}`,
        `Cannot open ${safeUrl(to)}: ${(e as Error).message}`,
      );
      return null;
    });
    if (!target) return;
    try {
      const res = await copyWorkspace(source, target, {
        replace: o.replace === true,
        onProgress: progressPrinter(ctx, locale),
        locale: storeLocale,
      });
      if (!res.ok) return fail(res.error.message, res.error.message);
      for (const t of res.value.tables)
        ctx.stdout(
          `${t.table.padEnd(28)} ${String(t.rows).padStart(9)}  ${t.checksum.slice(0, 16)}\n`,
        );
      for (const s of res.value.skipped)
        ctx.stderr(
          say(
            locale,
            `未复制：${s.table}（${s.rows} 行；目标没有这张表）\n`,
            `Not copied: ${s.table} (${s.rows} rows; the target has no such table)\n`,
          ),
        );
      const rows = res.value.tables.reduce((n, t) => n + t.rows, 0);
      ctx.stdout(
        say(
          locale,
          `已复制 ${res.value.tables.length} 张表共 ${rows} 行到 ${safeUrl(to)}，行数和校验和一致（${res.value.ms} ms）。上传的文件仍在 ${paths.files}。\n`,
          `Copied ${rows} rows in ${res.value.tables.length} tables to ${safeUrl(to)}; counts and checksums match (${res.value.ms} ms). Uploaded files stay in ${paths.files}.\n`,
        ),
      );
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/**
 * `trellis migrate-data --from <data dir> --to postgres://…`: moves a SQLite workspace into an
 * empty PostgreSQL database (copyWorkspace: one transaction, verified before it commits).
 */
export const migrateDataCommand: CliCommand = {
  name: 'migrate-data',
  register(program: Command, ctx, locale) {
    program
      .command('migrate-data')
      .description(
        say(
          locale,
          '把 SQLite 数据目录中的工作区搬到 PostgreSQL（先停止服务）',
          'Move a workspace from a SQLite data directory to PostgreSQL (stop the server first)',
        ),
      )
      .option(
        '--from <dir>',
        say(
          locale,
          '源数据目录（默认 ./data 或 TRELLIS_DATA）',
          'source data directory (default ./data or TRELLIS_DATA)',
        ),
      )
      .option(
        '--to <url>',
        say(
          locale,
          '目标数据库 postgres://…（默认 DATABASE_URL）',
          'target database postgres://… (default DATABASE_URL)',
        ),
      )
      .option(
        '--replace',
        say(locale, '清空有数据的目标库后再复制', 'empty a target that holds data first'),
      )
      .action((o: { from?: string; to?: string; replace?: boolean }) => migrate(ctx, locale, o));
  },
};
