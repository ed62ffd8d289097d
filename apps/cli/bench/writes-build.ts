import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The builds bench/writes.ts runs, each behind a small adapter: the command line of its
 * `trellis <args>`. Everything else the bench does is HTTP, spelled alike by every build it
 * runs (checked at 605b928): `init --data <dir>` prints `Admin: <login>  password: <password>`
 * (TRELLIS_LOCALE=en), `start --data --port --host --trust-proxy` serves `/api/v1/openapi.json`,
 * an API token is `POST /api/v1/tokens` (neither has a token command), users `POST /api/v1/users`.
 * A build that spells one of them otherwise gets it here, not a second script.
 */
export type Build = {
  mode: 'built' | 'baseline';
  /** What runs, for the JSON: the command file and the commit of its checkout. */
  what: { command: string; commit: string | null; kind: string };
  /**
   * The program and arguments of `trellis <args>`. With `nodeFlags` (a profile's `--cpu-prof`,
   * which NODE_OPTIONS may not carry) node runs the command file with those flags after the
   * ones of its first line.
   */
  command(args: string[], nodeFlags?: string[]): [string, string[]];
};

/** The node flags of an executable script's first line (`#!/usr/bin/env -S node --x=4`). */
function shebangFlags(file: string): string[] {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0]!;
  return first.split(/\s+/).filter((w) => w.startsWith('--'));
}

/** An executable command file, run by node with `nodeFlags` when given. */
const executable =
  (bin: string) =>
  (args: string[], nodeFlags?: string[]): [string, string[]] =>
    nodeFlags?.length
      ? [process.execPath, [...shebangFlags(bin), ...nodeFlags, bin, ...args]]
      : [bin, args];

const cli = join(import.meta.dirname, '..');

/** The commit a folder's checkout is at, or null outside a git checkout. */
function commitOf(dir: string): string | null {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * This checkout's CLI, built first (scripts/build.mjs, as bench/start.ts does) and run through
 * the installed command, bin/trellis.mjs, as an executable: the node flags of its first line
 * (the HTTP thread's young generation) count, as for an operator's `trellis start`.
 */
export function thisBuild(): Build {
  const build = spawnSync(process.execPath, [join(cli, 'scripts', 'build.mjs')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(build.stdout + build.stderr);
  const bin = join(cli, 'bin', 'trellis.mjs');
  return {
    mode: 'built',
    what: {
      // Within its checkout: the JSON names no machine's directories.
      command: relative(join(cli, '..', '..'), bin),
      commit: commitOf(cli),
      kind: 'dist bundle (scripts/build.mjs)',
    },
    command: executable(bin),
  };
}

/**
 * The baseline of BENCH_BASELINE=<dir>: a dist build (`<dir>/main.js`, run by node, as
 * bench/start.ts takes one), or a checkout's command (`<dir>/bin/trellis.mjs` or
 * `<dir>/apps/cli/bin/trellis.mjs`, run as an executable). Before the bundle (605b928) that
 * command ran src/main.ts through tsx, and so did every operator's `trellis start`.
 */
export function baselineBuild(dir: string): Build {
  const main = join(dir, 'main.js');
  if (existsSync(main))
    return {
      mode: 'baseline',
      what: { command: relative(dir, main), commit: commitOf(dir), kind: 'dist bundle' },
      command: (args, nodeFlags = []) => [process.execPath, [...nodeFlags, main, ...args]],
    };
  const bin = [
    join(dir, 'bin', 'trellis.mjs'),
    join(dir, 'apps', 'cli', 'bin', 'trellis.mjs'),
  ].find((f) => existsSync(f));
  if (!bin)
    throw new Error(
      `BENCH_BASELINE=${dir}: neither a dist build (main.js) nor a checkout's bin/trellis.mjs`,
    );
  const source = readFileSync(bin, 'utf8');
  return {
    mode: 'baseline',
    what: {
      command: relative(dir, bin),
      commit: commitOf(dir),
      kind: source.includes('dist/main.js')
        ? "the checkout's command (its dist when current, else its sources through tsx)"
        : "the checkout's command (its sources through tsx)",
    },
    command: executable(bin),
  };
}

/** Every server started and not yet stopped: killed if the bench ends on an error or a signal. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(130);
  });

/** `trellis init` of a fresh data directory: the admin's login and password it printed. */
export function init(build: Build, data: string, env: NodeJS.ProcessEnv) {
  const [command, args] = build.command(['init', '--data', data]);
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', env });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`${build.mode} init: ${r.stdout}${r.stderr}`);
  const m = /Admin: (\S+)\s+password: (\S+)/.exec(r.stdout);
  if (!m) throw new Error(`${build.mode} init printed no admin password: ${r.stdout}`);
  return { login: m[1]!, password: m[2]!, ms };
}

export type Server = { url: string; pid: number; firstAnswerMs: number; stop(): Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `trellis start` on a loopback port, its log (stderr) in `logFile`, node run with `nodeFlags`
 * if any; resolves at the first 200 of `/api/v1/openapi.json`, polled as a client would. Behind a trusted proxy, so each intake
 * request can come from its own address (bench/writes.ts).
 */
export async function start(
  build: Build,
  data: string,
  port: number,
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeFlags: string[] = [],
): Promise<Server> {
  const flags = `--port ${port} --host 127.0.0.1 --trust-proxy`.split(' ');
  const [command, args] = build.command(['start', '--data', data, ...flags], nodeFlags);
  const log = openSync(logFile, 'a');
  const t0 = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', log] });
  closeSync(log);
  live.add(child);
  const exited = new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killed);
    }
    live.delete(child);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${build.mode} start exited (${child.exitCode ?? child.signalCode})`);
      if (performance.now() - t0 > 120_000) throw new Error(`${build.mode} start: no 200 in 120 s`);
      const status = await fetch(`${url}/api/v1/openapi.json`).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0,
      );
      if (status === 200) break;
      await sleep(20);
    }
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}; its log: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  return { url, pid: child.pid!, firstAnswerMs: Math.round(performance.now() - t0), stop };
}
