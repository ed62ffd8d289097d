import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killGroup, startDetached } from './detached-server';
import { REPO_ROOT, trellis } from './run-cli';

// `trellis start` keeps its HTTP thread's young generation small with a node flag (semi-spaces of
// 4 MiB instead of up to 16), which only the command that starts node can give: the installed
// command's first line (bin/trellis.mjs), the shim pnpm makes of it, and the root `serve` script
// behind `pnpm start`. Lost, `trellis start` peaks over 300 MiB under the intake bench's load
// (docs/deploy.md, Memory). Each is started here as an operator would, and the running server's
// own command line is read from /proc.
const FLAG = '--max-semi-space-size=4';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function workspace(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-young-'));
  dirs.push(dir);
  const data = join(dir, 'd');
  expect((await trellis(['init', '--data', data], dir)).code).toBe(0);
  return data;
}

/** The node processes of a process group (a started command and what it runs), with their arguments. */
const nodeProcessesIn = (group: number) =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Field 5 (pgrp), after the command name in parentheses.
        const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        return pgrp === group && /(^|\/)node$/.test(argv[0] ?? '') ? [argv] : [];
      } catch {
        return []; // Ended meanwhile.
      }
    });

/** The arguments of the one `start` node process `command args` runs (stopped after). */
async function serverArgv(command: string, args: string[]): Promise<string[]> {
  const server = await startDetached(command, args);
  try {
    const servers = nodeProcessesIn(server.child.pid!).filter((argv) => argv.includes('start'));
    expect(servers, server.output()).toHaveLength(1);
    return servers[0]!;
  } finally {
    killGroup(server.child, 'SIGTERM');
    await server.exited;
  }
}

describe("trellis start's node flags", () => {
  it('the installed command runs node with 4 MiB semi-spaces, as an executable and through the shim', async () => {
    const data = await workspace();
    const bin = join(REPO_ROOT, 'apps', 'cli', 'bin', 'trellis.mjs');
    expect(await serverArgv(bin, ['start', '--data', data])).toContain(FLAG);
    const shim = join(REPO_ROOT, 'node_modules', '.bin', 'trellis');
    expect(await serverArgv(shim, ['start', '--data', data])).toContain(FLAG);
  }, 120_000);

  it('so does `pnpm start` (its serve script)', async () => {
    const data = await workspace();
    const argv = await serverArgv('pnpm', ['run', 'serve', '--data', data]);
    expect(argv).toContain(FLAG);
    expect(argv.join(' ')).toMatch(/apps\/cli\/dist\/main\.js start/);
  }, 120_000);
});
