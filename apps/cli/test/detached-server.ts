import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import { cleanEnv, REPO_ROOT } from './run-cli';

/** A server started by `startDetached`: its process, everything it printed so far, its exit. */
export type DetachedServer = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
};

/**
 * Runs `command args` on a loopback port from the repository root (or `cwd`), in a process group
 * of its own (like a terminal's foreground job, so a signal to the group reaches every process it
 * started), and waits until it says it is running. When it does not within `waitMs` (a minute),
 * the group is killed.
 */
export async function startDetached(
  command: string,
  args: string[],
  { cwd = REPO_ROOT, waitMs = 60_000 }: { cwd?: string; waitMs?: number } = {},
): Promise<DetachedServer> {
  const child = spawn(command, [...args, '--port', '0', '--host', '127.0.0.1'], {
    cwd,
    env: { ...cleanEnv(), TRELLIS_LOCALE: 'en' },
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const started = Date.now();
  while (!/running at http/.test(out) && Date.now() - started < waitMs)
    await new Promise((r) => setTimeout(r, 50));
  try {
    expect(out).toMatch(/running at http/);
  } catch (e) {
    killGroup(child, 'SIGKILL');
    throw e;
  }
  return { child, output: () => out, exited };
}

/** Signals the server's whole process group; nothing to do when it has already gone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}
