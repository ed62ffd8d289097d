import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { percentile } from '@trellis/tooling/bench';

/**
 * A 100,000-row import through `trellis start` as the wizard runs it, measured from the outside:
 * this checkout's CLI is built (apps/cli/scripts/build.mjs), a fresh education workspace served, a
 * GB18030 CSV as Excel in China saves it uploaded over HTTP (streamed), the run started with the
 * preview's mapping and followed over its SSE progress stream to the end. Reports rows/s (from
 * the start request to the end event), the time between progress events (p50/p95: a stalled
 * writer shows as a long gap), the upload's time, the process's resident memory idle and at its
 * peak (sampled every 50 ms) and the CPU of its busiest threads during the run (the writer and
 * the import's thread first).
 * BENCH_YOUNG=48,96 runs once per writer young generation (TRELLIS_WRITER_YOUNG_MB; 48 is V8's
 * default, 96 gives 32 MiB semi-spaces) in that order; each run after the first reports its
 * rows/s as a ratio to the first run's (the same-run baseline). BENCH_ROWS changes the row count.
 * Run: pnpm --filter @trellis/server bench:import
 */
const cli = join(import.meta.dirname, '..', '..', 'cli');
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const YOUNG = (process.env.BENCH_YOUNG ?? '48,96').split(',').map(Number);
const SOURCES = ['抖音', '公众号', '官网', '线下活动', '转介绍'];
const COURSES = ['Python编程', '数据分析', 'UI设计', 'Web前端开发', 'Java开发'];

const build = spawnSync(process.execPath, [join(cli, 'scripts', 'build.mjs')], {
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(build.stdout + build.stderr);
const main = join(cli, 'dist', 'main.js');

const work = mkdtempSync(join(tmpdir(), 'trellis-import-bench-'));
const file = join(work, 'leads.csv');
const seed = join(work, 'seed');

/** Leads as Excel in China saves them: GB18030, CRLF, phones written with spaces. */
async function writeCsv(): Promise<void> {
  const out = createWriteStream(file);
  out.write(iconv.encode('姓名,手机号,来源渠道,意向课程,年龄,首次接触时间\r\n', 'gbk'));
  for (let i = 0; i < ROWS; i++) {
    const phone = `139 ${String(i)
      .padStart(8, '0')
      .replace(/(\d{4})(\d{4})/, '$1 $2')}`;
    const line = `学员${i},${phone},${SOURCES[i % 5]},${COURSES[i % 5]},${18 + (i % 40)},2026/3/${1 + (i % 28)} 10:30\r\n`;
    if (!out.write(iconv.encode(line, 'gbk'))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
/** CPU (ms, user + system) of each thread of a process, by thread id. */
const threadCpu = (pid: number): Map<string, number> => {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`))
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // The thread ended between the listing and the read.
    }
  return out;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;

type Job = { id: string; status: string; rowsTotal: number; rowsDone: number } & Record<
  string,
  unknown
>;

/** The job's SSE stream to its end: each event's arrival time and job. */
async function follow(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status}`);
  const events: { at: number; event: string; job: Job }[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .filter((l) => l.startsWith(`${name}:`))
          .map((l) => l.slice(name.length + 1).trimStart())
          .join('\n');
      if (field('data'))
        events.push({
          at: performance.now(),
          event: field('event'),
          job: JSON.parse(field('data')) as Job,
        });
    }
  }
  return events;
}

async function run(youngMb: number, port: number) {
  const data = join(work, `young-${youngMb}`);
  cpSync(seed, data, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [main, 'start', '--data', data, '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: cli,
      env: {
        ...process.env,
        TRELLIS_LOCALE: 'en',
        TRELLIS_LOG_LEVEL: 'warn',
        TRELLIS_WRITER_YOUNG_MB: String(youngMb),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const pid = child.pid!;
  try {
    while (
      (await fetch(`${url}/api/v1/openapi.json`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (child.exitCode !== null) throw new Error(`trellis start exited with ${child.exitCode}`);
      await sleep(50);
    }
    const origin = { origin: url };
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { ...origin, cookie };
    await sleep(3000);
    const idleMiB = rssMiB(pid);
    let peakMiB = idleMiB;
    let cpuSampler: NodeJS.Timeout | undefined;
    const sampler = setInterval(() => {
      peakMiB = Math.max(peakMiB, rssMiB(pid));
    }, 50);
    try {
      const uploadStart = performance.now();
      const uploaded = await fetch(`${url}/api/v1/imports/uploads?entity=lead&name=leads.csv`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      if (uploaded.status !== 201)
        throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
      const { upload, preview } = (await uploaded.json()) as {
        upload: { id: string };
        preview: { mapping: Record<string, string> };
      };
      const uploadMs = performance.now() - uploadStart;
      if (Object.keys(preview.mapping).length !== 6)
        throw new Error(`mapping: ${JSON.stringify(preview.mapping)}`);
      const cpu0 = threadCpu(pid);
      // Read every 200 ms: the import's own thread ends with the job, its CPU with it.
      const cpu1 = new Map<string, number>();
      cpuSampler = setInterval(() => {
        for (const [tid, ms] of threadCpu(pid)) cpu1.set(tid, ms);
      }, 200);
      const t0 = performance.now();
      const started = await fetch(`${url}/api/v1/imports`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          upload: upload.id,
          entity: 'lead',
          mapping: preview.mapping,
          dedupe: 'skip',
        }),
      });
      if (started.status !== 202)
        throw new Error(`start: ${started.status} ${await started.text()}`);
      const { id } = (await started.json()) as Job;
      const events = await follow(`${url}/api/v1/imports/${id}/events`, headers);
      const ms = performance.now() - t0;
      clearInterval(cpuSampler);
      for (const [tid, ms] of threadCpu(pid)) cpu1.set(tid, ms);
      const last = events.at(-1)!.job;
      if (last.status !== 'done' || last.rowsDone !== ROWS || last.created !== ROWS)
        throw new Error(`the import ended as ${JSON.stringify(last)}`);
      const progress = events.filter((e) => e.event === 'progress');
      const gaps = progress
        .slice(1)
        .map((e, i) => e.at - progress[i]!.at)
        .sort((a, b) => a - b);
      const busiest = [...cpu1]
        .map(([tid, ms]) => ms - (cpu0.get(tid) ?? 0))
        .sort((a, b) => b - a)
        .slice(0, 4);
      return {
        writerYoungGenerationMb: youngMb,
        rows: ROWS,
        rowsPerS: Math.round((ROWS / ms) * 1000),
        seconds: round(ms / 1000),
        uploadAndPreviewSeconds: round(uploadMs / 1000),
        progressEvents: progress.length,
        progressIntervalMs: {
          p50: round(percentile(gaps, 50)),
          p95: round(percentile(gaps, 95)),
          max: round(gaps.at(-1) ?? NaN),
        },
        rssMiB: { idle: round(idleMiB), peak: round(peakMiB) },
        busiestThreadsCpuS: busiest.map((ms) => round(ms / 1000)),
        loadAvg1m: round(loadavg()[0]!),
      };
    } finally {
      clearInterval(sampler);
      clearInterval(cpuSampler);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(data, { recursive: true, force: true });
  }
}

let password = '';
try {
  await writeCsv();
  const init = spawnSync(process.execPath, [main, 'init', '--data', seed], {
    encoding: 'utf8',
    env: { ...process.env, TRELLIS_LOCALE: 'en' },
  });
  if (init.status !== 0) throw new Error(init.stdout + init.stderr);
  password = /Admin: admin\s+password: (\S+)/.exec(init.stdout)?.[1] ?? '';
  if (!password) throw new Error(`no admin password in: ${init.stdout}`);
  const loadAtStart = round(loadavg()[0]!);
  const runs: Awaited<ReturnType<typeof run>>[] = [];
  let port = 42_000 + (process.pid % 1000) * 10;
  for (const mb of YOUNG) runs.push(await run(mb, port++));
  console.log(
    JSON.stringify(
      {
        bench: 'import through trellis start',
        rows: ROWS,
        target: { rowsPerS: 5000 },
        loadAvg1mAtStart: loadAtStart,
        runs: runs.map((r) => ({
          ...r,
          ratioToFirstRun: Math.round((r.rowsPerS / runs[0]!.rowsPerS) * 100) / 100,
          meetsTarget: r.rowsPerS >= 5000,
        })),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
