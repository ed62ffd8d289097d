// Where a painted mount's and a painted keystroke's main-thread time goes, from a chromium
// trace: for each kind, the browser's own events (style, layout, paint, script, timers) between
// the page's marks (`tf-mount-start` … `tf-mount-painted`, `tf-key-start` … `tf-key-painted`,
// bench/page.tsx), summed and divided by the samples. Each event is counted twice: its wall
// time (`dur`) and its CPU time on the main thread (`tdur`). On a shared machine the wall time
// of a phase grows with the load (the thread waits for a core inside it); the CPU time is the
// work the page asked of the browser, so kinds compare by it even when the load moves.
import type { launchChromium } from '@trellis/tooling/browser';

type BrowserContext = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<BrowserContext['newPage']>>;

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
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

/** Milliseconds per sample by phase, wall and CPU, for one kind. */
export type PhaseMs = { wall: Record<string, number>; cpu: Record<string, number> };

type Sampler = 'mount' | 'keystroke';

/**
 * Traces `samples` painted mounts (garbage collected before each), or painted keystrokes on a
 * whole form, of each kind at `n` fields and returns the mean ms per sample of each phase on the
 * page's main thread, wall and CPU.
 */
export async function tracePhases(
  browser: BrowserContext,
  page: Page,
  sampler: Sampler,
  kinds: readonly string[],
  n: number,
  samples = 20,
): Promise<Record<string, PhaseMs>> {
  const cdp = await browser.newCDPSession(page);
  const [startMark, endMark] =
    sampler === 'mount'
      ? ['tf-mount-start', 'tf-mount-painted']
      : ['tf-key-start', 'tf-key-painted'];
  const out: Record<string, PhaseMs> = {};
  for (const kind of kinds) {
    if (sampler === 'keystroke')
      await page.evaluate(
        async ({ kind, n }) => {
          type Api = {
            mountComplete(kind: string, n: number): Promise<number>;
            keystrokePainted(i: number): Promise<number>;
          };
          const api = (window as unknown as { formBench: Api }).formBench;
          await api.mountComplete(kind, n);
          for (let i = 0; i < 5; i++) await api.keystrokePainted(i);
        },
        { kind, n },
      );
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
      async ({ kind, n, samples, sampler }) => {
        type Api = {
          gc(): void;
          painted(): Promise<void>;
          mountPainted(kind: string, n: number): Promise<unknown>;
          keystrokePainted(i: number): Promise<number>;
        };
        const api = (window as unknown as { formBench: Api }).formBench;
        for (let i = 0; i < samples; i++) {
          if (sampler === 'keystroke') {
            await api.keystrokePainted(i);
            continue;
          }
          api.gc();
          await api.painted();
          await api.mountPainted(kind, n);
        }
      },
      { kind, n, samples, sampler },
    );
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    // The page's main thread: where its marks are (performance.mark runs there).
    const main = events.find((e) => e.name === startMark)?.tid;
    const marks = (name: string) =>
      events
        .filter((e) => e.name === name)
        .map((e) => e.ts)
        .sort((a, b) => a - b);
    const starts = marks(startMark);
    const ends = marks(endMark);
    const inside = (ts: number) => starts.some((s, i) => ts >= s && ts <= (ends[i] ?? s));
    const wall: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const e of events)
      if (e.ph === 'X' && e.tid === main && PHASES.includes(e.name) && inside(e.ts)) {
        wall[e.name] = (wall[e.name] ?? 0) + (e.dur ?? 0) / 1000;
        cpu[e.name] = (cpu[e.name] ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000;
      }
    const perSample = (sums: Record<string, number>) =>
      Object.fromEntries(
        PHASES.filter((p) => sums[p] !== undefined).map((p) => [
          p,
          Math.round((sums[p]! / samples) * 100) / 100,
        ]),
      );
    out[kind] = { wall: perSample(wall), cpu: perSample(cpu) };
  }
  await cdp.detach();
  return out;
}

/** The phases that do not nest in one another (a timer's work is a FunctionCall inside it). */
const TOTAL_OF = [
  'FunctionCall',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
];

/** A kind's main-thread ms per sample over the phases that do not nest. */
export const phaseTotal = (phases: Record<string, number>): number =>
  Math.round(TOTAL_OF.reduce((a, p) => a + (phases[p] ?? 0), 0) * 100) / 100;
