// Where a painted mount's main-thread time goes, from a chromium trace: for each kind, the
// browser's own events (style, layout, paint, script, timers) between the page's marks
// `tf-mount-start` and `tf-mount-painted` (bench/page.tsx), summed and divided by the mounts.
import type { launchChromium } from '@trellis/tooling/browser';

type BrowserContext = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<BrowserContext['newPage']>>;

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
};

/** The events worth naming (totals of others nest inside them or are idle waiting). */
const PHASES = [
  'FunctionCall',
  'TimerFire',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'PaintImage',
  'Layerize',
  'Commit',
  'WebFrameWidgetImpl::UpdateLifecycle',
];

/**
 * Traces `mounts` painted mounts of each kind at `n` fields (garbage collected before each) and
 * returns the mean ms per mount of each phase on the page's main thread.
 */
export async function traceMounts(
  browser: BrowserContext,
  page: Page,
  kinds: readonly string[],
  n: number,
  mounts = 20,
): Promise<Record<string, Record<string, number>>> {
  const cdp = await browser.newCDPSession(page);
  const out: Record<string, Record<string, number>> = {};
  for (const kind of kinds) {
    const events: TraceEvent[] = [];
    // Chromium's trace events, typed by playwright as plain objects.
    const onData = (e: { value: object[] }) => void events.push(...(e.value as TraceEvent[]));
    cdp.on('Tracing.dataCollected', onData);
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline',
      transferMode: 'ReportEvents',
    });
    await page.evaluate(
      async ({ kind, n, mounts }) => {
        type Api = {
          gc(): void;
          painted(): Promise<void>;
          mountPainted(kind: string, n: number): Promise<unknown>;
        };
        const api = (window as unknown as { formBench: Api }).formBench;
        for (let i = 0; i < mounts; i++) {
          api.gc();
          await api.painted();
          await api.mountPainted(kind, n);
        }
      },
      { kind, n, mounts },
    );
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    // The page's main thread: where its marks are (performance.mark runs there).
    const main = events.find((e) => e.name === 'tf-mount-start')?.tid;
    const marks = (name: string) =>
      events
        .filter((e) => e.name === name)
        .map((e) => e.ts)
        .sort((a, b) => a - b);
    const starts = marks('tf-mount-start');
    const ends = marks('tf-mount-painted');
    const inside = (ts: number) => starts.some((s, i) => ts >= s && ts <= (ends[i] ?? s));
    const sums: Record<string, number> = {};
    for (const e of events)
      if (e.ph === 'X' && e.tid === main && PHASES.includes(e.name) && inside(e.ts))
        sums[e.name] = (sums[e.name] ?? 0) + (e.dur ?? 0) / 1000;
    out[kind] = Object.fromEntries(
      PHASES.filter((p) => sums[p] !== undefined).map((p) => [
        p,
        Math.round((sums[p]! / mounts) * 100) / 100,
      ]),
    );
  }
  await cdp.detach();
  return out;
}
