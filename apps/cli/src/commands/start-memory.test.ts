import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Thread = {
  thread: string;
  heapMiB: number;
  heapUsedMiB: number;
  v8MallocMiB: number;
  externalMiB: number;
};
type MemoryLine = { msg: string; rssMiB: number; threads: Thread[]; sharedMiB: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('trellis start on SIGUSR2', () => {
  it(
    'logs the memory each thread holds, even at --log-level silent, and keeps serving',
    { timeout: 90_000 },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'trellis-memory-'));
      dirs.push(cwd);
      // INIT_CWD: pnpm sets it to where it was run, and the CLI resolves `--data d` against it:
      // inherited, the workspace went to the checkout's root instead of this test's directory.
      const env = { ...process.env, TRELLIS_LOCALE: 'en', INIT_CWD: cwd };
      const init = spawnSync(process.execPath, [BIN, 'init', '--data', 'd'], { cwd, env });
      expect(init.status).toBe(0);
      const args = ['start', '--data', 'd', '--port', '0', '--host', '127.0.0.1'];
      const child = spawn(process.execPath, [BIN, ...args, '--log-level', 'silent'], { cwd, env });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      const exited = new Promise((r) => child.once('exit', r));
      try {
        const started = Date.now();
        while (!/running at (http:\/\/\S+)/.test(out) && Date.now() - started < 30_000)
          await sleep(50);
        const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
        expect(url).toBeTruthy();
        const lines = () =>
          err
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as MemoryLine)
            .filter((l) => l.msg === 'memory');
        // The writer, checkpoint and count threads start after listening: asked until all answer.
        let report: MemoryLine | undefined;
        for (let asked = 0; asked < 30 && (report?.threads.length ?? 0) < 4; asked++) {
          const before = lines().length;
          child.kill('SIGUSR2');
          for (let waited = 0; lines().length === before && waited < 5000; waited += 50)
            await sleep(50);
          report = lines().at(-1);
          if ((report?.threads.length ?? 0) < 4) await sleep(500);
        }
        expect(report?.threads.map((t) => t.thread)).toEqual([
          'http',
          'writer',
          'checkpoint',
          'counts',
        ]);
        const { rssMiB, threads, sharedMiB } = report!;
        for (const t of threads) {
          expect(t.heapMiB, t.thread).toBeGreaterThan(1);
          expect(t.heapUsedMiB, t.thread).toBeGreaterThan(0);
          expect(t.heapUsedMiB, t.thread).toBeLessThanOrEqual(t.heapMiB);
          expect(t.externalMiB, t.thread).toBeGreaterThanOrEqual(0);
        }
        // The writer runs the engine; the checkpoint thread only the store's checkpointer.
        const heapOf = (name: string) => threads.find((t) => t.thread === name)!.heapMiB;
        expect(heapOf('checkpoint')).toBeLessThan(heapOf('writer'));
        // The process's resident memory as the system counts it; threads' and shared add up to it.
        const vmRss =
          Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) /
          1024;
        expect(Math.abs(rssMiB - vmRss) / vmRss).toBeLessThan(0.15);
        const held = threads.reduce((s, t) => s + t.heapMiB + t.v8MallocMiB + t.externalMiB, 0);
        expect(sharedMiB).toBeGreaterThan(0);
        expect(held + sharedMiB).toBeCloseTo(rssMiB, 0);
        // Nothing else was logged at silent, and the server still answers.
        expect(err.split('\n').filter((l) => l && !l.includes('"msg":"memory"'))).toEqual([]);
        expect((await fetch(`${url}/api/v1/openapi.json`)).status).toBe(200);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    },
  );
});
