import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT, trellis } from './run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Ctrl-C on the root start script', () => {
  it('stops trellis and exits 0 without pnpm reporting a failed command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-ctrl-c-'));
    dirs.push(dir);
    const data = join(dir, 'd');
    expect((await trellis(['init', '--data', data], dir)).code).toBe(0);
    // `pnpm run serve` is the part of `pnpm start` after install and the web build. Its own
    // process group, like a terminal's foreground job: Ctrl-C signals every process in it.
    const child = spawn(
      'pnpm',
      ['run', 'serve', '--data', data, '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: REPO_ROOT,
        env: { ...cleanEnv(), TRELLIS_LOCALE: 'en' },
        detached: true,
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const started = Date.now();
      while (!/running at http/.test(out) && Date.now() - started < 60_000)
        await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/running at http/);
      process.kill(-child.pid!, 'SIGINT');
      expect(await exited, out).toBe(0);
      expect(out).toMatch(/Stopping/);
      expect(out).not.toMatch(/ELIFECYCLE|Command failed/);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone: the normal case.
      }
    }
  }, 90_000);
});
