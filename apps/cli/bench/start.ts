import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, summarise } from '@trellis/tooling/bench';

/**
 * What an operator meets running `trellis start`, measured from the outside over HTTP on
 * loopback: the time from spawning the process to its first HTTP answer, the resident memory of
 * the whole process (every thread) when idle, and its peak during a burst of public-form
 * submissions. The built JavaScript (dist/main.js, `pnpm start`) against the same command from
 * TypeScript through tsx (the baseline, how `trellis start` ran before the build), alternating
 * runs in one process so machine load hits both alike. `pnpm bench` builds dist first.
 */
const cli = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SUBMISSIONS = 400;
const CONCURRENCY = 8;

const modes = {
  built: [join(cli, 'dist', 'main.js')],
  tsx: ['--conditions=@trellis/source', '--import', 'tsx', join(cli, 'src', 'main.ts')],
} as const;
type Mode = keyof typeof modes;

const work = mkdtempSync(join(tmpdir(), 'trellis-start-bench-'));
const seed = join(work, 'seed');
const init = spawnSync(process.execPath, [...modes.built, 'init', '--data', seed, '--demo'], {
  encoding: 'utf8',
});
if (init.status !== 0) throw new Error(init.stdout + init.stderr);

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function once(mode: Mode, run: number) {
  const data = join(work, `${mode}-${run}`);
  cpSync(seed, data, { recursive: true });
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...modes[mode], 'start', '--data', data, '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: cli,
      // Request logs off the terminal (warnings and errors still show); both modes alike.
      env: {
        ...process.env,
        TRELLIS_LOCALE: 'en',
        TRELLIS_LIMIT_INTAKE_PER_MINUTE: '0',
        TRELLIS_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    let url: string | undefined;
    while (!(url = /running at (http:\/\/\S+)/.exec(out)?.[1])) {
      if (child.exitCode !== null) throw new Error(`trellis start exited: ${out}`);
      await sleep(5);
    }
    // "running at" is printed once listening; the first answer is what a client waits for.
    await fetch(`${url}/api/v1/openapi.json`);
    const firstAnswerMs = performance.now() - t0;
    await sleep(3000);
    const idleMiB = rssMiB(child.pid!);
    let peakMiB = idleMiB;
    const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(child.pid!))), 50);
    let sent = 0;
    const submitter = async () => {
      while (sent < SUBMISSIONS) {
        const i = sent++;
        const res = await fetch(`${url}/f/apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `压测${i}`, phone: `139${String(10_000_000 + i)}` }),
        });
        if (res.status !== 201)
          throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, submitter));
    await sleep(500);
    clearInterval(sampler);
    peakMiB = Math.max(peakMiB, rssMiB(child.pid!));
    return { firstAnswerMs, idleMiB, peakMiB };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(data, { recursive: true, force: true });
  }
}

const results: Record<Mode, { firstAnswerMs: number; idleMiB: number; peakMiB: number }[]> = {
  built: [],
  tsx: [],
};
try {
  for (let run = 0; run < RUNS; run++)
    for (const mode of ['built', 'tsx'] as const) results[mode].push(await once(mode, run));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { median: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), runs: values.length };
};
const reportOf = (mode: Mode) => ({
  firstAnswer: summarise(
    `trellis start first answer (${mode})`,
    results[mode].map((r) => r.firstAnswerMs),
    results[mode].reduce((sum, r) => sum + r.firstAnswerMs, 0),
  ),
  idleRssMiB: stats(results[mode].map((r) => r.idleMiB)),
  intakePeakRssMiB: stats(results[mode].map((r) => r.peakMiB)),
});
const report = { built: reportOf('built'), tsx: reportOf('tsx') };
const ratioOf = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
console.log(
  JSON.stringify(
    {
      ...report,
      submissions: SUBMISSIONS,
      ratioFirstAnswerBuiltToTsx: ratioOf(
        report.built.firstAnswer.medianMs,
        report.tsx.firstAnswer.medianMs,
      ),
      ratioIdleRssBuiltToTsx: ratioOf(report.built.idleRssMiB.median, report.tsx.idleRssMiB.median),
      targets: { firstAnswerMs: 1500, idleRssMiB: 150, intakePeakRssMiB: 300 },
    },
    null,
    2,
  ),
);
