import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../context';
import { runCli } from '../run';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function run(cwd: string, argv: string[], env: Record<string, string> = {}) {
  let out = '';
  const ctx: CliContext = {
    cwd,
    env,
    stdout: (s) => void (out += s),
    stderr: (s) => void (out += s),
    exitCode: 0,
  };
  const code = await runCli(argv, ctx);
  return { code, out };
}

describe('trellis start on a port that is taken', () => {
  it(
    'says the port is in use and exits 2 at once instead of hanging (it listens before starting its threads)',
    { timeout: 60_000 },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'trellis-port-'));
      dirs.push(cwd);
      expect((await run(cwd, ['init', '--data', 'd', '--locale', 'en'])).code).toBe(0);
      const taken: Server = createServer();
      await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
      const port = (taken.address() as { port: number }).port;
      try {
        for (const [locale, text] of [
          ['en', `Port ${port} is already in use on 127.0.0.1`],
          ['zh-CN', `端口 ${port} 已被占用`],
        ] as const) {
          const started = await run(cwd, [
            'start',
            '--data',
            'd',
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
            '--locale',
            locale,
          ]);
          expect(started.code).toBe(2);
          expect(started.out).toContain(text);
          expect(started.out).not.toMatch(/Internal error|at .*\.ts:\d+/);
        }
      } finally {
        await new Promise((r) => taken.close(r));
      }
    },
  );
});
