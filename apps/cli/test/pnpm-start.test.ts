import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDetached, killGroup } from './detached-server';
import { trellis } from './run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Ctrl-C on the root start script', () => {
  it('stops trellis and exits 0 without pnpm reporting a failed command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-ctrl-c-'));
    dirs.push(dir);
    const data = join(dir, 'd');
    expect((await trellis(['init', '--data', data], dir)).code).toBe(0);
    // `pnpm run serve` is the part of `pnpm start` after install and the web build, in a process
    // group of its own like a terminal's foreground job: Ctrl-C signals every process in it.
    const server = await startDetached('pnpm', ['run', 'serve', '--data', data]);
    try {
      process.kill(-server.child.pid!, 'SIGINT');
      expect(await server.exited, server.output()).toBe(0);
      expect(server.output()).toMatch(/Stopping/);
      expect(server.output()).not.toMatch(/ELIFECYCLE|Command failed/);
    } finally {
      killGroup(server.child, 'SIGKILL');
    }
  }, 90_000);
});
