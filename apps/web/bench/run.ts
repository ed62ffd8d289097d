// The web app's speed as a user meets it: the build's JS sizes, then a real `trellis start` on
// a seeded workspace (BENCH_RECORDS leads, default 100,000) in headless Debian chromium — the
// list's first rows, the list under a 2-condition filter, scrolling frames through 10,000 rows,
// opening a record (from the list, with when its two API answers arrived; and by its address),
// the board. Each page time is also given as a ratio to the API call behind it, measured in
// the same run (the machine's load cancels).
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { percentile } from '@trellis/tooling/bench';
import { bundleSizes } from '../e2e/harness/bundle';
import { newPage, openBrowser, signIn } from '../e2e/harness/browser';
import { startTrellis, WEB_DIR } from '../e2e/harness/trellis';
import { RECORD_MARKS } from '../src/lib/load/record-marks';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_DATA=<dir>: the seeded workspace is kept there and reused by the next run (seeding
// 100,000 leads takes minutes); BENCH_WEB=<dist>: another build served (main's, to compare
// two builds on the same data within minutes of each other).
const DATA = process.env.BENCH_DATA;
const WEB = process.env.BENCH_WEB;
// BENCH_ONLY=record,scroll: only those measures (list, filtered, record, cold, board, scroll),
// to fit two builds' runs into one quiet slot; all of them by default.
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'list,filtered,record,cold,board,scroll')
    .split(',')
    .map((s) => s.trim()),
);

const stats = (name: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { name, runs: ms.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
};

/**
 * Scrolls `selector` down 400 px a frame through 10,000 rows of 40 px (at most 90 s) and
 * answers the time between animation frames: the work each frame cost.
 */
async function scrollFrames(page: Page, selector: string) {
  const r = await page.evaluate(async (sel) => {
    const el = document.querySelector(sel)!;
    const deltas: number[] = [];
    let last = performance.now();
    const until = performance.now() + 90_000;
    // The frames in which the list moved (new rows drawn), apart from those waiting at the
    // end of the loaded rows for the next page, which draw nothing new and cost little.
    const moving: number[] = [];
    while (performance.now() < until && el.scrollTop < 10_000 * 40) {
      const before = el.scrollTop;
      el.scrollTop += 400;
      const moved = el.scrollTop !== before;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      deltas.push(now - last);
      if (moved) moving.push(now - last);
      last = now;
    }
    return { deltas, moving, top: el.scrollTop };
  }, selector);
  const sorted = [...r.deltas].sort((a, b) => a - b);
  const moving = [...r.moving].sort((a, b) => a - b);
  return {
    ...r,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    movingMedian: percentile(moving, 50),
    movingP95: percentile(moving, 95),
  };
}

async function main() {
  const sizes = bundleSizes();
  const out: Record<string, unknown> = {
    records: RECORDS,
    web: WEB ?? 'apps/web/dist',
    bundle: { ...sizes, lazyChunks: undefined, largestLazyChunks: sizes.lazyChunks.slice(0, 8) },
  };
  const password = 'bench-password-1';
  const server = await startTrellis({
    demo: false,
    ...(DATA ? { keepData: DATA } : {}),
    ...(WEB ? { webDir: WEB } : {}),
    prepare: [
      ['seed', '--template', 'education', '--records', String(RECORDS)],
      ['users', 'add', '--login', 'bench', '--password', password, '--role', 'admin'],
    ],
  });
  const browser = await openBrowser('zh-CN', { unthrottled: true });
  try {
    const page = await newPage(browser);
    await signIn(page, server.url, 'bench', password);
    // The machine's load (1, 5, 15 min) as the pages are measured: the numbers are rough under it.
    out.loadAtStart = loadavg().map((l) => Math.round(l * 10) / 10);
    const api = async (path: string) => {
      const started = performance.now();
      await page.evaluate(async (p) => (await fetch(p)).json(), path);
      return performance.now() - started;
    };
    const list: number[] = [];
    const listPhases: Record<string, unknown>[] = [];
    const listApi: number[] = [];
    const record: number[] = [];
    const recordPainted: number[] = [];
    const recordSplit: Record<
      | 'driver'
      | 'beforeClick'
      | 'clickToCommit'
      | 'clickToFrame'
      | 'frameToDriver'
      | 'clickReturned',
      number
    >[] = [];
    const recordApi: number[] = [];
    const timelineApi: number[] = [];
    const recordCold: number[] = [];
    const board: number[] = [];
    const filtered: number[] = [];
    let firstId = '';
    // A filter built in the list (stage is one of two, source is Douyin), as its URL carries it.
    const f = JSON.stringify({
      join: 'and',
      rows: [
        { field: 'stage', op: 'in', value: ['qualified', 'trial'] },
        { field: 'source', op: 'eq', value: 'douyin' },
      ],
    });
    // What the first counted list, asked right after sign-in, ran beside: the requests of the
    // page it was asked from (the workbench's reads), in the page's time.
    let firstCountBeside: unknown;
    for (let i = 0; i < RUNS; i++) {
      listApi.push(await api('/api/v1/views/all-leads/records?limit=100&count=1'));
      firstCountBeside ??= await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
          .map((e) => ({
            path: new URL(e.name).pathname + new URL(e.name).search,
            start: Math.round(e.startTime),
            // When it left the browser: at most six requests to one host are under way at once.
            sent: Math.round(e.requestStart),
            end: Math.round(e.responseEnd),
          })),
      );
      let started = performance.now();
      await page.goto(`${server.url}/records/lead?view=all-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      list.push(performance.now() - started);
      // What this opening waited on, in the page's time from the navigation's start: the
      // document, the last script, and the requests the rows came after (a slow run names its
      // cause: a script compiled cold, /me or the rows answering late).
      listPhases.push({
        ms: Math.round(performance.now() - started),
        // (No named functions inside evaluate: tsx wraps them in a helper the page lacks.)
        ...(await page.evaluate(() => {
          const all = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const [me, rows] = [/\/api\/v1\/me$/, /\/records$/]
            .map((re) => all.find((x) => re.test(new URL(x.name).pathname)))
            .map((e) => (e ? [Math.round(e.startTime), Math.round(e.responseEnd)] : null));
          const scripts = all.filter((x) => new URL(x.name).pathname.endsWith('.js'));
          return {
            document: Math.round(nav.responseEnd),
            domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
            scripts: scripts.length,
            // Those not taken from the browser's cache (transferSize 0 when they were).
            scriptsFetched: scripts.filter((x) => x.transferSize > 0).length,
            lastScriptEnd: Math.round(Math.max(0, ...scripts.map((x) => x.responseEnd))),
            me,
            rows,
            rowsShownAt: Math.round(performance.now()),
          };
        })),
      });
      firstId ||= (await page.locator('.trellis-table-row a').first().getAttribute('href')) ?? '';
      if (ONLY.has('filtered') || ONLY.has('record')) {
        started = performance.now();
        await page.goto(`${server.url}/records/lead?view=all-leads&f=${encodeURIComponent(f)}`);
        await page.locator('.trellis-table-row').first().waitFor();
        filtered.push(performance.now() - started);
      }
      if (ONLY.has('record')) {
        // The record page from the list, as a rep opens a lead; then when its own two answers
        // (the record, the timeline) had arrived, counted from the click: API time against the
        // page's, in the same run.
        await page.evaluate(() => {
          performance.clearResourceTimings();
          document.addEventListener(
            'click',
            (e) => Object.assign(window, { benchClickAt: e.timeStamp }),
            { capture: true, once: true },
          );
        });
        started = performance.now();
        // The same instant on the wall clock the page's marks are converted to (below).
        const startedAt = performance.timeOrigin + started;
        await page.locator('.trellis-table-row a').first().click();
        const clickReturnedAt = performance.timeOrigin + performance.now();
        // Looked for in every animation frame, in the page: a locator's wait polls from here at
        // 20, 50 and 100 ms steps, which would count up to 100 ms of the driver's own waiting.
        const paintedAt = await page.waitForFunction(
          () =>
            document.querySelector('.ant-descriptions, .trellis-record-fields')
              ? performance.now()
              : 0,
          null,
          { polling: 'raf' },
        );
        const seenAt = performance.timeOrigin + performance.now();
        record.push(performance.now() - started);
        // (No named functions inside evaluate: tsx wraps them in a helper the page lacks.)
        const answered = await page.evaluate(
          ([painted, marks]) => {
            const at = (window as unknown as { benchClickAt: number }).benchClickAt;
            const ends = (
              performance.getEntriesByType('resource') as PerformanceResourceTiming[]
            ).map((e) => ({ path: new URL(e.name).pathname, end: e.responseEnd - at }));
            return {
              timeOrigin: performance.timeOrigin,
              clickAt: at,
              // The app's own marks (src/lib/load/record-marks.ts).
              commitAt: performance.getEntriesByName(marks.commit, 'mark')[0]?.startTime,
              frameAt: performance.getEntriesByName(marks.frame, 'mark')[0]?.startTime,
              // From the click event to the driver's animation-frame poll that found the record.
              painted: painted - at,
              record: ends.find((e) => /^\/api\/v1\/records\/[^/]+\/[^/]+$/.test(e.path))?.end,
              timeline: ends.find((e) => e.path.endsWith('/timeline'))?.end,
            };
          },
          [await paintedAt.jsonValue(), RECORD_MARKS] as const,
        );
        recordPainted.push(answered.painted);
        // The driver's time split at the page's click event and its marks, on the wall clock
        // both processes share (each one's timeOrigin plus its monotonic now): what the driver
        // spent before the page had the click (its actions' round trips, each waiting for a busy
        // main thread), the page's own click → commit → drawn frame, and the frame → the
        // driver's poll answered. Only the middle part is the app's work alone.
        if (answered.commitAt !== undefined && answered.frameAt !== undefined) {
          const wall = (t: number) => answered.timeOrigin + t;
          recordSplit.push({
            driver: Math.round(seenAt - startedAt),
            beforeClick: Math.round(wall(answered.clickAt) - startedAt),
            clickToCommit: Math.round(answered.commitAt - answered.clickAt),
            clickToFrame: Math.round(answered.frameAt - answered.clickAt),
            frameToDriver: Math.round(seenAt - wall(answered.frameAt)),
            // When the driver's click() returned and its poll for the record could start.
            clickReturned: Math.round(clickReturnedAt - startedAt),
          });
        }
        if (answered.record !== undefined) recordApi.push(answered.record);
        if (answered.timeline !== undefined) timelineApi.push(answered.timeline);
        // The same record opened by its address (a link from elsewhere, a reload): the app
        // starts and asks for the session, the spec and the record itself.
        if (ONLY.has('cold')) {
          const recordUrl = page.url();
          started = performance.now();
          await page.goto(recordUrl);
          await page.locator('.ant-descriptions, .trellis-record-fields').waitFor();
          recordCold.push(performance.now() - started);
        }
      }
      if (ONLY.has('board')) {
        started = performance.now();
        await page.goto(`${server.url}/board/team-board`);
        await page
          .locator('.trellis-board-column')
          .nth(5)
          .locator('.trellis-board-card, .ant-empty')
          .first()
          .waitFor();
        board.push(performance.now() - started);
      }
    }
    // Scroll the list through its rows (pages load as the end comes near); frame times by rAF,
    // with frames not held to 60 Hz, so each is the work of that frame.
    let frames: Awaited<ReturnType<typeof scrollFrames>> | undefined;
    let bareFrames: typeof frames;
    if (ONLY.has('scroll')) {
      await page.goto(`${server.url}/records/lead?view=all-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      frames = await scrollFrames(page, '.trellis-table-scroll');
      // The baseline of the same run: a bare scroller of the same height in the same browser —
      // what a frame costs this machine now with nothing to render.
      const bare = await newPage(browser);
      await bare.setContent(
        `<div id="s" style="height:600px;overflow:auto"><div style="height:${10_000 * 40 + 1000}px"></div></div>`,
      );
      bareFrames = await scrollFrames(bare, '#s');
      await bare.close();
    }
    out.pages = [
      stats('list first rows', list),
      stats('list filtered (2 conditions) first rows', filtered),
      stats('record page', record),
      // Up to session 22 named "from the click to the frame that draws it": a poll started by the
      // driver after its click returned, so it also counted the driver's latency.
      stats(
        "record page: from the click to the driver's poll that found it (in the page)",
        recordPainted,
      ),
      stats(
        "record page: from the click to its commit (the app's marks)",
        recordSplit.map((r) => r.clickToCommit),
      ),
      stats(
        "record page: from the click to the frame that draws it (the app's marks)",
        recordSplit.map((r) => r.clickToFrame),
      ),
      stats(
        "record page: from the driver's start to the click event in the page",
        recordSplit.map((r) => r.beforeClick),
      ),
      stats(
        'record page: from the drawn frame to the driver seeing it',
        recordSplit.map((r) => r.frameToDriver),
      ),
      stats('record page: its record answered (from the click)', recordApi),
      stats('record page: its timeline answered (from the click)', timelineApi),
      stats('record page opened by its address', recordCold),
      stats('board 6 columns', board),
    ];
    out.listRuns = listPhases;
    // Each record opening's driver time and its parts (ms), in order.
    out.recordRuns = recordSplit;
    out.baseline = stats('API: first 100 leads of the view', listApi);
    // Each in order: the first is asked right after sign-in, beside the workbench's own reads.
    out.baselineRuns = listApi.map((ms) => Math.round(ms));
    out.firstCountBeside = firstCountBeside;
    // Each page's median against the API call's median of the same run (load cancels out).
    const median = (ms: number[]) =>
      percentile(
        [...ms].sort((a, b) => a - b),
        50,
      );
    out.ratioToApi = Object.fromEntries(
      (
        [
          ['list', list],
          ['filtered', filtered],
          ['record', record],
          ['board', board],
        ] as const
      ).map(([k, ms]) => [k, Math.round((median(ms) / median(listApi)) * 100) / 100]),
    );
    if (frames && bareFrames)
      out.scroll = {
        frames: frames.deltas.length,
        rowsScrolled: Math.round(frames.top / 40),
        medianFrameMs: frames.median,
        p95FrameMs: frames.p95,
        // Only the frames that drew new rows (the rest waited for a page).
        movingFrames: frames.moving.length,
        movingMedianFrameMs: frames.movingMedian,
        movingP95FrameMs: frames.movingP95,
        bareScroller: {
          frames: bareFrames.deltas.length,
          medianFrameMs: bareFrames.median,
          p95FrameMs: bareFrames.p95,
        },
        p95RatioToBare: Math.round((frames.p95 / bareFrames.p95) * 100) / 100,
        movingP95RatioToBare: Math.round((frames.movingP95 / bareFrames.p95) * 100) / 100,
      };
    out.firstRecord = firstId;
    out.loadAtEnd = loadavg().map((l) => Math.round(l * 10) / 10);
  } finally {
    await browser.closeAll();
    await server.stop();
  }
  const json = JSON.stringify(out, null, 2);
  writeFileSync(join(WEB_DIR, 'bench', 'result.json'), json);
  console.log(json);
}

void main();
