import { existsSync } from 'node:fs';
import { dataDirOf, dataPaths, databaseOf, onPostgres, type DataPaths } from '@trellis/server';
import { dialectOf, openStore } from '@trellis/store';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';

/** The `--database <url>` option of init and start (every command also reads DATABASE_URL). */
export function databaseOption(locale: CliLocale): [string, string] {
  return [
    '--database <url>',
    say(
      locale,
      '数据库：postgres://…（默认 DATABASE_URL；不设则用数据目录里的 SQLite 文件）',
      'database: postgres://… (default DATABASE_URL; else the SQLite file of the data directory)',
    ),
  ];
}

/** Hides the password of a database URL in messages. */
export const safeUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/**
 * The workspace a command works on: the data directory (`--data`, TRELLIS_DATA, ./data) and
 * its database — `--database`, else DATABASE_URL (a `postgres://` URL), else the directory's
 * SQLite file. Anything but a PostgreSQL URL there is refused with a message (null).
 */
export function workspacePaths(
  ctx: CliContext,
  locale: CliLocale,
  o: { data?: string | undefined; database?: string | undefined },
): DataPaths | null {
  const database = databaseOf(o.database, ctx.env);
  if (database !== undefined && dialectOf(database) !== 'postgres') {
    ctx.stderr(
      say(
        locale,
        `数据库地址必须以 postgres:// 开头：${safeUrl(database)}（SQLite 的数据在 --data 目录里）\n`,
        `The database URL must start with postgres://: ${safeUrl(database)} (SQLite data lives in the --data directory)\n`,
      ),
    );
    return null;
  }
  return dataPaths(dataDirOf(o.data, ctx.env, ctx.cwd), database);
}

export type WorkspaceState = 'ready' | 'empty' | { unreachable: string };

/**
 * Whether the workspace holds a published app: a SQLite data directory with its database file,
 * or a PostgreSQL database with a live spec (opening it applies the system migrations, which
 * an empty database gains harmlessly). `unreachable`: PostgreSQL refused the connection.
 */
export async function workspaceState(paths: DataPaths): Promise<WorkspaceState> {
  if (!onPostgres(paths)) return existsSync(paths.db) ? 'ready' : 'empty';
  try {
    const store = await openStore({ url: paths.db });
    try {
      return (await store.specs.liveVersion()) === null ? 'empty' : 'ready';
    } finally {
      await store.close();
    }
  } catch (error) {
    return { unreachable: error instanceof Error ? error.message : String(error) };
  }
}

/** Says why a workspace cannot be used (not initialised, or PostgreSQL out of reach). */
export function explainWorkspace(
  ctx: CliContext,
  locale: CliLocale,
  paths: DataPaths,
  state: Exclude<WorkspaceState, 'ready'>,
): void {
  if (state !== 'empty')
    ctx.stderr(
      say(
        locale,
        `连接不上数据库 ${safeUrl(paths.db)}：${state.unreachable}\n`,
        `Cannot reach the database ${safeUrl(paths.db)}: ${state.unreachable}\n`,
      ),
    );
  else if (onPostgres(paths))
    ctx.stderr(
      say(
        locale,
        `数据库 ${safeUrl(paths.db)} 里还没有工作区，请先运行 trellis init --database …\n`,
        `The database ${safeUrl(paths.db)} holds no workspace yet; run trellis init --database … first\n`,
      ),
    );
  else
    ctx.stderr(
      say(
        locale,
        `数据目录 ${paths.dir} 还没有初始化，请先运行 trellis init\n`,
        `${paths.dir} is not initialised; run trellis init first\n`,
      ),
    );
}

/**
 * Whether the workspace's database is there to open: the SQLite file exists, or it is a
 * PostgreSQL URL (whether that database holds a workspace shows once it is opened).
 */
export function hasDatabase(paths: DataPaths): boolean {
  return onPostgres(paths) || existsSync(paths.db);
}

/**
 * `trellis backup` and `restore` copy a SQLite data directory; with DATABASE_URL set they would
 * silently skip the real data, so they refuse and name the PostgreSQL tools (docs/deploy.md).
 * True when refused.
 */
export function refusePostgresCopy(ctx: CliContext, locale: CliLocale, what: string): boolean {
  const database = databaseOf(undefined, ctx.env);
  if (database === undefined) return false;
  ctx.stderr(
    say(
      locale,
      `DATABASE_URL 指向 PostgreSQL（${safeUrl(database)}）：trellis ${what} 只处理 SQLite 数据目录。PostgreSQL 请用 pg_dump / pg_restore，另外备份数据目录里的 secret.key 和 files/（见 docs/deploy.md）。\n`,
      `DATABASE_URL names PostgreSQL (${safeUrl(database)}): trellis ${what} handles a SQLite data directory only. On PostgreSQL use pg_dump / pg_restore, and keep a copy of secret.key and files/ from the data directory (see docs/deploy.md).\n`,
    ),
  );
  ctx.exitCode = 2;
  return true;
}
