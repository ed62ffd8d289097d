import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_ROOT = join(WEB_DIR, '..', '..');
const CLI = join(REPO_ROOT, 'apps', 'cli', 'bin', 'trellis.mjs');

/**
 * Builds the `trellis` command when apps/cli/dist is not a build of the current sources (the
 * script skips a current one in well under a second). bin/trellis.mjs would otherwise run the
 * TypeScript sources through tsx: the same code, but a start several times slower than the
 * built one an operator runs.
 */
export function buildCli(): void {
  const script = join(REPO_ROOT, 'apps', 'cli', 'scripts', 'build.mjs');
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the CLI failed:\n${run.stdout}${run.stderr}`);
}

export type DemoLogin = { login: string; role: string; password: string };

/**
 * Names a demo data directory seeded once per run (global-setup: `makeDemoTemplate()`). A plain
 * `startTrellis()` copies it instead of seeding its own demo — the seed ran through the engine
 * and the automations for several seconds per server, the copy takes milliseconds. The copy holds
 * the same recipe's data and logins; like the shared server's, it dates from the run's start.
 */
export const DEMO_TEMPLATE_ENV = 'TRELLIS_E2E_DEMO_TEMPLATE';

/** `trellis init --demo` (education) on a fresh temporary directory, for servers to copy. */
export async function makeDemoTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-web-e2e-demo-'));
  await runCli(['init', '--demo', '--template', 'education', '--data', dir], cliEnv());
  return dir;
}

/** The environment of the `trellis` commands of the tests: English messages, no pnpm INIT_CWD. */
function cliEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_LOCALE: 'en', ...extra };
  delete env.INIT_CWD;
  return env;
}

/** A `trellis start` on a temporary data directory, serving the built web app. */
export type RunningTrellis = {
  url: string;
  dataDir: string;
  logins: DemoLogin[];
  /** The demo login of a role (the first one when several share it). */
  login(role: string, index?: number): DemoLogin;
  stop(): Promise<void>;
};

/**
 * Starts the real server the way an operator does (`trellis start --init-demo`) on a fresh
 * temporary data directory and loopback port, serving `apps/web/dist` (unless `web: false`).
 * `demo: false` initialises the template without demo users and records.
 */
export async function startTrellis(
  opts: {
    demo?: boolean;
    web?: boolean;
    /** The built app to serve (default apps/web/dist): a bench compares two builds. */
    webDir?: string;
    /**
     * A data directory to use and keep (a bench's seeded workspace, reused across runs): made
     * with init and `prepare` when it does not exist yet, never removed.
     */
    keepData?: string;
    env?: Record<string, string>;
    args?: string[];
    /** The template `demo: false` initialises (default education; `blank` for an empty workspace). */
    template?: string;
    /** Runs CLI commands on the data directory after init, before start (seed, users add). */
    prepare?: string[][];
    /** Runs after `prepare`, before start, on the data directory (a state no command makes). */
    beforeStart?: (dataDir: string) => void;
  } = {},
): Promise<RunningTrellis> {
  const web = opts.web ?? true;
  const webDir = opts.webDir ?? join(WEB_DIR, 'dist');
  if (web && !existsSync(join(webDir, 'index.html')))
    throw new Error(`${webDir} is missing: run pnpm --filter @trellis/web build first`);
  const kept = opts.keepData !== undefined;
  const fresh = !kept || !existsSync(opts.keepData!);
  const dataDir = opts.keepData ?? mkdtempSync(join(tmpdir(), 'trellis-web-e2e-'));
  const env = cliEnv(opts.env);
  const template = process.env[DEMO_TEMPLATE_ENV];
  // Only a plain demo start: options that prepare, point elsewhere or change the start seed
  // their own way.
  const others = [
    opts.keepData,
    opts.env,
    opts.args,
    opts.template,
    opts.prepare,
    opts.beforeStart,
  ];
  if (template && opts.demo !== false && others.every((o) => o === undefined))
    cpSync(template, dataDir, { recursive: true });
  if (fresh) {
    if (opts.demo === false)
      await runCli(
        ['init', '--data', dataDir, ...(opts.template ? ['--template', opts.template] : [])],
        env,
      );
    for (const command of opts.prepare ?? []) await runCli([...command, '--data', dataDir], env);
  }
  opts.beforeStart?.(dataDir);
  const args = [
    CLI,
    'start',
    ...(opts.demo === false ? [] : ['--init-demo']),
    '--data',
    dataDir,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    ...(web ? ['--web', webDir] : []),
    ...(opts.args ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await waitForUrl(child, () => output, 90_000).catch(async (err: Error) => {
    child.kill('SIGKILL');
    await exited;
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const credsFile = join(dataDir, 'demo-credentials.json');
  const logins = existsSync(credsFile)
    ? (JSON.parse(readFileSync(credsFile, 'utf8')) as DemoLogin[])
    : [];
  return {
    url,
    dataDir,
    logins,
    login(role, index = 0) {
      const found = logins.filter((l) => l.role === role)[index];
      if (!found) throw new Error(`no demo login with role ${role} #${index}`);
      return found;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      if (!kept) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForUrl(child: ChildProcess, output: () => string, ms: number): Promise<string> {
  const started = Date.now();
  for (;;) {
    const found = /running at (http:\/\/\S+)/.exec(output());
    if (found?.[1]) return found[1];
    if (child.exitCode !== null) throw new Error(`trellis start exited:\n${output()}`);
    if (Date.now() - started > ms) throw new Error(`trellis start did not come up:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: 'ignore' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`trellis ${args.join(' ')} exited with ${code}`)),
    );
  });
}
