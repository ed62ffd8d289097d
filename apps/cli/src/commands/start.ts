import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  createLogger,
  envMailer,
  listen,
  notifyChanges,
  openServingRuntime,
  writerYoungGenerationMb,
} from '@trellis/server';
import type { CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { dataOption, type CliCommand } from './command';
import { DEMO_CREDENTIALS, printLogins, runInit } from './init';
import { bundledTemplateDirs } from '../template/source';
import { webDirOf } from '../web-dir';
import { startSettings } from './start-config';
import { databaseOption, explainWorkspace, workspacePaths, workspaceState } from './workspace';

type StartOptions = {
  port?: string;
  host?: string;
  data?: string;
  database?: string;
  initDemo?: boolean;
  trustProxy?: boolean;
  web?: string;
  logLevel?: string;
  logFormat?: string;
  config?: string;
};

/**
 * `trellis start`: serves the API (and the web build, when present) from this thread; every
 * write, the automation worker and the scheduler run in the writer thread. SIGINT/SIGTERM stop
 * accepting requests, wait for those in flight and for the writer's current work, then close
 * the database.
 */
async function runStart(ctx: CliContext, locale: CliLocale, o: StartOptions): Promise<number> {
  const paths = workspacePaths(ctx, locale, o);
  if (!paths) return 2;
  const dir = paths.dir;
  let state = await workspaceState(paths);
  const firstRun = Boolean(o.initDemo) && state === 'empty';
  if (firstRun) {
    const init = { data: dir, demo: true, template: 'education', database: o.database };
    if (!(await runInit(ctx, locale, init))) return 1;
    state = await workspaceState(paths);
  }
  if (state !== 'ready') {
    explainWorkspace(ctx, locale, paths, state);
    return 1;
  }
  const port = Number(o.port ?? ctx.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.stderr(say(locale, `端口无效：${o.port}\n`, `Invalid port: ${o.port}\n`));
    return 2;
  }
  // Checked here so a wrong setting stops the start with a message instead of failing every email later.
  const mail = envMailer(ctx.env);
  if (!mail.ok) {
    ctx.stderr(
      say(locale, `邮件设置无效：${mail.reason}\n`, `Invalid email settings: ${mail.reason}\n`),
    );
    return 2;
  }
  const settings = startSettings(ctx, locale, o, dir);
  if (!settings.ok) {
    ctx.stderr(settings.message);
    return 2;
  }
  const { limits } = settings.settings;
  const logger = await createLogger(settings.settings.log);
  const webDir = webDirOf(ctx, o.web, paths.web);
  // One writer (DESIGN.md §4): this thread answers HTTP over a read-only connection; every write
  // (API, web, intake, automations) runs in the writer thread, over the only write connection.
  // Commits of the writer's own work (automations) wake event streams once the app exists.
  let announce = () => undefined as void;
  // The writer and checkpoint threads load once this thread listens (or fails to).
  let listened = () => undefined as void;
  const listening = new Promise<void>((resolve) => (listened = resolve));
  const rt = await openServingRuntime(paths, {
    server: {
      limits,
      logger,
      trustProxy: o.trustProxy ?? ctx.env.TRELLIS_TRUST_PROXY === '1',
      ...(webDir ? { staticDir: webDir } : {}),
      // The builder's template gallery offers the templates shipped with Trellis.
      templateDirs: bundledTemplateDirs(),
    },
    // The scheduler's period; TRELLIS_TICK_MS shortens it (tests, demos of schedules).
    tickMs: Number(ctx.env.TRELLIS_TICK_MS) >= 100 ? Number(ctx.env.TRELLIS_TICK_MS) : 15_000,
    // TRELLIS_WRITER_YOUNG_MB: the writer's young generation (measurements; default V8's).
    writerYoungGenerationMb: writerYoungGenerationMb(ctx.env),
    onCommitted: () => announce(),
    // Reads are answered while the writer thread loads (writes queue for it).
    readsBeforeWriter: listening,
  });
  const hostname = o.host ?? '0.0.0.0';
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(rt.app, { port, hostname });
    listened();
  } catch (error) {
    // A taken port stops at once: the threads are stopped (nothing keeps running), say why, exit 2.
    await rt.close();
    ctx.stderr(listenFailure(error as NodeJS.ErrnoException, locale, hostname, port));
    return 2;
  }
  announce = () => notifyChanges(rt.app.ctx);
  reportMemoryOnSignal(rt, logger);
  ctx.stdout(
    say(
      locale,
      `Trellis 已启动：${server.url}\n  API 文档：${server.url}/api/v1/openapi.json\n`,
      `Trellis is running at ${server.url}\n  API document: ${server.url}/api/v1/openapi.json\n`,
    ) +
      (webDir
        ? say(locale, `  网页端：${server.url}/\n`, `  Web app: ${server.url}/\n`)
        : say(
            locale,
            '  网页端尚未构建（pnpm --filter @trellis/web build），目前只提供 API\n',
            '  The web app is not built (pnpm --filter @trellis/web build); serving the API only\n',
          )),
  );
  const creds = join(dir, DEMO_CREDENTIALS);
  // On the first run init has just printed them.
  if (!firstRun && existsSync(creds))
    printLogins(
      ctx,
      locale,
      JSON.parse(readFileSync(creds, 'utf8')) as Parameters<typeof printLogins>[2],
    );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      ctx.stdout(say(locale, '正在停止…\n', 'Stopping…\n'));
      await server.close();
      await rt.close();
      resolve();
    };
    // `on`, not `once`: Ctrl-C under `pnpm start` delivers SIGINT twice (the terminal's and
    // the one pnpm forwards); a second one must not kill the process mid-stop.
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  });
  return 0;
}

/**
 * `kill -USR2 <pid>`: one log line `memory` with the process's resident memory and what each
 * thread holds (docs/deploy.md). Written whatever --log-level says: the operator asked for it.
 */
function reportMemoryOnSignal(
  rt: Awaited<ReturnType<typeof openServingRuntime>>,
  logger: Awaited<ReturnType<typeof createLogger>>,
): void {
  const out = logger.child({}, { level: 'info' });
  process.on('SIGUSR2', () => {
    void rt.memory().then(
      (memory) => out.info(memory, 'memory'),
      (error: unknown) => out.error({ error: String(error) }, 'memory report failed'),
    );
  });
}

/** Why the server could not listen, in words an operator can act on. */
function listenFailure(
  error: NodeJS.ErrnoException,
  locale: CliLocale,
  host: string,
  port: number,
): string {
  if (error.code === 'EADDRINUSE')
    return say(
      locale,
      `端口 ${port} 已被占用（${host}）：另一个程序（也许是另一个 Trellis）正在使用它。请用 --port 换一个端口，或先停止那个程序。\n`,
      `Port ${port} is already in use on ${host}: another program (perhaps another Trellis) listens there. Choose another port with --port, or stop that program first.\n`,
    );
  if (error.code === 'EACCES')
    return say(
      locale,
      `没有权限监听端口 ${port}：1024 以下的端口需要管理员权限，请用 --port 换一个端口。\n`,
      `Not allowed to listen on port ${port}: ports below 1024 need privileges; choose another with --port.\n`,
    );
  return say(
    locale,
    `无法在 ${host}:${port} 上监听：${error.message}\n`,
    `Cannot listen on ${host}:${port}: ${error.message}\n`,
  );
}

export const startCommand: CliCommand = {
  name: 'start',
  register(program: Command, ctx, locale) {
    program
      .command('start')
      .description(
        say(
          locale,
          '启动服务器、自动化执行器和调度器',
          'Run the server, the automation worker and the scheduler',
        ),
      )
      .option(
        '--port <port>',
        say(locale, '端口（默认 3000 或 PORT）', 'port (default 3000 or PORT)'),
      )
      .option('--host <host>', say(locale, '监听地址', 'listen address'), '0.0.0.0')
      .option(...dataOption(locale))
      .option(...databaseOption(locale))
      .option(
        '--init-demo',
        say(
          locale,
          '首次运行时用教育模板和演示数据初始化',
          'on first run, initialise with the education template and demo data',
        ),
      )
      .option(
        '--web <dir>',
        say(
          locale,
          '网页端构建目录（默认 <数据目录>/web，否则本仓库的 apps/web/dist）',
          'web app build folder (default <data>/web, else apps/web/dist of this checkout)',
        ),
      )
      .option(
        '--config <file>',
        say(
          locale,
          '配置文件（默认 TRELLIS_CONFIG，否则 <数据目录>/trellis.config.json）',
          'config file (default TRELLIS_CONFIG, else <data>/trellis.config.json)',
        ),
      )
      .option(
        '--log-level <level>',
        say(
          locale,
          '日志级别：fatal、error、warn、info、debug、trace、silent（默认 info 或 TRELLIS_LOG_LEVEL）',
          'log level: fatal, error, warn, info, debug, trace, silent (default info or TRELLIS_LOG_LEVEL)',
        ),
      )
      .option(
        '--log-format <format>',
        say(
          locale,
          '日志格式：json 或 pretty（默认 json 或 TRELLIS_LOG_FORMAT），写到 stderr',
          'log format: json or pretty (default json or TRELLIS_LOG_FORMAT), on stderr',
        ),
      )
      .option(
        '--trust-proxy',
        say(
          locale,
          '信任反向代理的 X-Forwarded-* 头',
          'trust X-Forwarded-* headers from a reverse proxy',
        ),
      )
      .action(async (o: StartOptions) => {
        ctx.exitCode = await runStart(ctx, locale, o);
      });
  },
};
