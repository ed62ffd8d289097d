// Where the main thread's time goes while the list scrolls and a record page opens: a Chromium
// trace (style, layout, paint, forced layouts with the script that forced them) and a sampled
// JS profile (self time per function). Reads a workspace kept by bench/run.ts (BENCH_DATA).
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { newPage, openBrowser, signIn } from '../e2e/harness/browser';
import { startTrellis } from '../e2e/harness/trellis';

const DATA = process.env.BENCH_DATA;
const WEB = process.env.BENCH_WEB;
const ROWS = Number(process.env.PROFILE_ROWS ?? 3000);
const WHAT = (process.env.PROFILE ?? 'scroll,record').split(',');
// PROFILE_RECORD_WAIT=0: the record is clicked as soon as the list shows its first row, as
// bench/run.ts does (the list's own later work then shares the main thread with the opening);
// by default the list has 300 ms to settle first.
const RECORD_WAIT = Number(process.env.PROFILE_RECORD_WAIT ?? 300);
// PROFILE_SAMPLER=0: the trace alone, without the sampled JS profile, whose 0.2 ms samples
// slow script several times over (frame times and the split of a frame's work as they are).
const SAMPLER = process.env.PROFILE_SAMPLER !== '0';
// PROFILE_RECORD_FILTER=1: the list opened under bench/run.ts's 2-condition filter, as there.
const FILTER = process.env.PROFILE_RECORD_FILTER
  ? `&f=${encodeURIComponent(
      JSON.stringify({
        join: 'and',
        rows: [
          { field: 'stage', op: 'in', value: ['qualified', 'trial'] },
          { field: 'source', op: 'eq', value: 'douyin' },
        ],
      }),
    )}`
  : '';

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    beginData?: { stackTrace?: { functionName: string; url: string; lineNumber: number }[] };
    data?: Record<string, unknown>;
  };
};

async function traced<T>(cdp: CDPSession, fn: () => Promise<T>) {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  if (SAMPLER) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  }
  await cdp.send('Tracing.start', {
    categories:
      'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  if (SAMPLER) await cdp.send('Profiler.start');
  const result = await fn();
  const profile: CpuProfile = SAMPLER
    ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile
    : { startTime: 0, nodes: [], samples: [], timeDeltas: [] };
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  return { result, events, profile };
}

type CpuProfile = {
  startTime: number;
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
};

const JS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'v8.callFunction',
  'RunMicrotasks',
  'V8.Execute',
]);

function summarise(events: TraceEvent[], profile: CpuProfile) {
  const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mains = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const main = events
    .filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const totals: Record<string, number> = {};
  const forced: Record<string, number> = {};
  const stack: TraceEvent[] = [];
  let top = 0;
  for (const e of main) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts)
      stack.pop();
    if (stack.length === 0 && e.name === 'RunTask') top += e.dur!;
    const inJs = stack.some((s) => JS.has(s.name));
    if (
      [
        'Layout',
        'UpdateLayoutTree',
        'Paint',
        'PrePaint',
        'Layerize',
        'UpdateLayer',
        'HitTest',
        'ParseHTML',
        'ParseAuthorStyleSheet',
        'ScrollLayer',
        'Commit',
      ].includes(e.name) ||
      JS.has(e.name)
    ) {
      if (!stack.some((s) => s.name === e.name)) totals[e.name] = (totals[e.name] ?? 0) + e.dur!;
      if (inJs && (e.name === 'Layout' || e.name === 'UpdateLayoutTree')) {
        const frames = e.args?.beginData?.stackTrace ?? [];
        const where = frames
          .slice(0, 4)
          .map((f) => `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber}`)
          .join(' < ');
        const key = `${e.name} ${where || '(no stack)'}`;
        forced[key] = (forced[key] ?? 0) + e.dur!;
      }
    }
    stack.push(e);
  }
  // Self time per function from the sampled profile.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self[key] = (self[key] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  // Who calls the native functions that cost most (two frames up), and inclusive time.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
  };
  const callers: Record<string, number> = {};
  const inclusive: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const f = byId.get(id)!.callFrame.functionName;
    if (
      [
        'removeChild',
        'insertBefore',
        'appendChild',
        'requestAnimationFrame',
        'setTimeout',
        'clearTimeout',
      ].includes(f)
    ) {
      const chain: string[] = [];
      for (let p = parent.get(id); p !== undefined && chain.length < 5; p = parent.get(p))
        chain.push(name(p));
      const key = `${f} < ${chain.join(' < ')}`;
      callers[key] = (callers[key] ?? 0) + dt;
    }
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const k = name(p);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive[k] = (inclusive[k] ?? 0) + dt;
    }
  });
  const byType: Record<string, number> = {};
  for (const e of main)
    if (e.name === 'EventDispatch') {
      const type = String(e.args?.data?.type ?? '?');
      byType[type] = (byType[type] ?? 0) + e.dur!;
    }
  const ms = (o: Record<string, number>, div = 1000, n = 25) =>
    Object.fromEntries(
      Object.entries(o)
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => [k, Math.round((v / div) * 10) / 10]),
    );
  return {
    mainThreadTasksMs: Math.round(top / 100) / 10,
    totalsMs: ms(totals),
    forcedMs: ms(forced),
    jsSelfMs: ms(self, 1, 40),
    callersMs: ms(callers, 1, 15),
    inclusiveMs: ms(inclusive, 1, 40),
    componentsMs: ms(
      Object.fromEntries(Object.entries(inclusive).filter(([k]) => /^[A-Z][a-z]/.test(k))),
      1,
      60,
    ),
    eventsMs: ms(byType),
  };
}

const BUCKETS: Record<string, string> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  ...Object.fromEntries([...JS].map((n) => [n, 'script'])),
};
const GC = new Set(['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR']);

/**
 * The scroll's frames (from one animation-frame callback to the next) split into those over
 * 16 ms and the rest, with the mean main-thread time of each kind of work in them: what a slow
 * frame does that a fast one does not (more script, a style recalc, a garbage collection…).
 */
function frameBreakdown(events: TraceEvent[]) {
  const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mains = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const main = events
    .filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const starts = main.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts);
  type Frame = Record<string, number>;
  const frames: Frame[] = starts
    .slice(0, -1)
    .map((a, i) => ({ total: (starts[i + 1]! - a) / 1000 }));
  const at = (ts: number) => {
    // The frame an event starts in (binary search over the frames' starts).
    let lo = 0;
    let hi = starts.length - 2;
    if (hi < 0 || ts < starts[0]! || ts >= starts[hi + 1]!) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= ts) lo = mid;
      else hi = mid - 1;
    }
    return frames[lo];
  };
  // Script, style, layout and paint as the outermost of them (a style recalc forced by script
  // counts as script); style and layout are also summed wherever they ran (`forced…` the part
  // inside script), and garbage collection wherever it ran.
  let outerEnd = -1;
  let outer = '';
  let gcEnd = -1;
  for (const e of main) {
    const frame = at(e.ts);
    if (!frame) continue;
    if (GC.has(e.name) && e.ts >= gcEnd) {
      gcEnd = e.ts + e.dur!;
      frame.gc = (frame.gc ?? 0) + e.dur! / 1000;
    }
    const bucket = BUCKETS[e.name];
    if (!bucket) continue;
    if (e.ts < outerEnd) {
      if (outer === 'script' && (bucket === 'style' || bucket === 'layout'))
        frame.forcedStyleLayout = (frame.forcedStyleLayout ?? 0) + e.dur! / 1000;
      continue;
    }
    outerEnd = e.ts + e.dur!;
    outer = bucket;
    frame[bucket] = (frame[bucket] ?? 0) + e.dur! / 1000;
  }
  const mean = (list: Frame[]) => {
    const keys = ['total', 'script', 'forcedStyleLayout', 'style', 'layout', 'paint', 'gc'];
    const out: Record<string, number> = { frames: list.length };
    for (const k of keys)
      out[k] =
        Math.round((list.reduce((a, f) => a + (f[k] ?? 0), 0) / (list.length || 1)) * 100) / 100;
    out.other =
      Math.round((out.total! - out.script! - out.style! - out.layout! - out.paint!) * 100) / 100;
    return out;
  };
  // The slowest twentieth: the frames a p95 is made of.
  const bySize = [...frames].sort((a, b) => b.total! - a.total!);
  return {
    slowest5pct: mean(bySize.slice(0, Math.ceil(frames.length / 20))),
    over16ms: mean(frames.filter((f) => f.total! > 16)),
    under16ms: mean(frames.filter((f) => f.total! <= 16)),
  };
}

async function scroll(page: Page, rows: number) {
  return page.evaluate(async (n) => {
    const el = document.querySelector('.trellis-table-scroll')!;
    const deltas: number[] = [];
    let last = performance.now();
    while (el.scrollTop < n * 40 && deltas.length < 5000) {
      el.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    deltas.sort((a, b) => a - b);
    return {
      frames: deltas.length,
      p50: deltas[Math.floor(deltas.length / 2)],
      p95: deltas[Math.floor(deltas.length * 0.95)],
    };
  }, rows);
}

async function main() {
  const server = await startTrellis({
    demo: false,
    ...(DATA ? { keepData: DATA } : {}),
    ...(WEB ? { webDir: WEB } : {}),
    prepare: [
      [
        'seed',
        '--template',
        'education',
        '--records',
        String(process.env.BENCH_RECORDS ?? 100_000),
      ],
      ['users', 'add', '--login', 'bench', '--password', 'bench-password-1', '--role', 'admin'],
    ],
  });
  const browser = await openBrowser('zh-CN', { unthrottled: true });
  const out: Record<string, unknown> = {};
  try {
    const page = await newPage(browser);
    await signIn(page, server.url, 'bench', 'bench-password-1');
    const cdp = await page.context().newCDPSession(page);
    if (WHAT.includes('scroll')) {
      await page.goto(`${server.url}/records/lead?view=all-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      const s = await traced(cdp, () => scroll(page, ROWS));
      if (process.env.PROFILE_TRACE)
        writeFileSync(
          `${process.env.PROFILE_TRACE}-scroll.json`,
          JSON.stringify({ traceEvents: s.events }),
        );
      out.scroll = {
        ...s.result,
        frameKinds: frameBreakdown(s.events),
        ...summarise(s.events, s.profile),
      };
    }
    if (WHAT.includes('record')) {
      const times: number[] = [];
      for (let i = 0; i < 4; i++) {
        await page.goto(`${server.url}/records/lead?view=all-leads${FILTER}`);
        await page.locator('.trellis-table-row').first().waitFor();
        if (RECORD_WAIT) await page.waitForTimeout(RECORD_WAIT);
        const r = await traced(cdp, async () => {
          const t0 = performance.now();
          await page.locator('.trellis-table-row a').nth(i).click();
          await page.locator('.ant-descriptions, .trellis-record-fields').waitFor();
          const t = performance.now() - t0;
          await page.waitForTimeout(500);
          return t;
        });
        times.push(r.result);
        if (i === 3) out.record = { times, ...summarise(r.events, r.profile) };
        // The trace opens in Chromium's DevTools (Performance, "Load profile"); the sampled JS
        // profile beside it (.cpuprofile) shares the trace's clock, so its samples can be laid
        // on the trace's timeline (which function ran while the page waited).
        if (i === 3 && process.env.PROFILE_TRACE) {
          writeFileSync(process.env.PROFILE_TRACE, JSON.stringify({ traceEvents: r.events }));
          writeFileSync(`${process.env.PROFILE_TRACE}.cpuprofile`, JSON.stringify(r.profile));
        }
      }
    }
  } finally {
    await browser.closeAll();
    await server.stop();
  }
  console.log(JSON.stringify(out, null, 2));
}

void main();
