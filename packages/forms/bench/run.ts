// Form benchmark in headless chromium (JSON on stdout): first render, keystroke latency and
// submit-with-errors at 50, 200 and 1,000 fields for RecordForm (light and desktop widget sets),
// @rjsf/core on the same schema and plain React inputs (the floor), all in the same run.
// A mount is timed three ways: its render and commit (`mountMs`), until the frame after it has
// painted (`paintedMs`: style, layout and paint too, the form on screen), and until all of it is
// rendered, drawn and painted (`completeMs`: a RecordForm longer than a screen renders the fields
// past it after its first frame and has them drawn a screenful per frame after that; plain
// inputs and RJSF render and draw all at once, so there it is `paintedMs`).
// The DOM a whole form makes (`dom`: elements and attributes) is its per-field cost.
// FORM_BENCH_DEV=1 runs React's development build (what a dev server runs; method check only).
import { loadavg } from 'node:os';
import { launchChromium } from '@trellis/tooling/browser';
import { percentile } from '@trellis/tooling/bench';
import { bundleForBrowser } from '../test/browser-bundle';

type Args = { kind: Kind; n: number; keys: number };
type Kind = 'floor' | 'light' | 'desktop' | 'rjsf';
type Painted = { commit: number; painted: number; frameWait: number };
type Api = {
  prepare(n: number): void;
  painted(): Promise<void>;
  mount(kind: Kind, n: number): number;
  mountPainted(kind: Kind, n: number): Promise<Painted>;
  mountComplete(kind: Kind, n: number): Promise<number>;
  dom(): { elements: number; attributes: number };
  unmount(): void;
  keystroke(i: number): Promise<number>;
  submitWithErrors(n: number): Promise<number>;
};

const SIZES = (process.env.FORM_BENCH_SIZES ?? '50,200,1000').split(',').map(Number);
const KINDS: Kind[] = ['floor', 'light', 'desktop', 'rjsf'];
const WARMUP = Number(process.env.FORM_BENCH_WARMUP ?? 5);
const round = (n: number) => Math.round(n * 100) / 100;
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    runs: xs.length,
  };
};

// The machine's load (1-minute average) as the run starts and ends: timings mean little without it.
const load = () => Math.round(loadavg()[0]! * 100) / 100;
const loadAtStart = load();
const development = process.env.FORM_BENCH_DEV === '1';
const { script, css } = await bundleForBrowser(new URL('./page.tsx', import.meta.url), {
  development,
});
// Frames as soon as the main thread is free, not at the next 60 Hz tick: a painted mount then
// times the work, not up to 16.7 ms of waiting for vsync (`frameWaitMs` shows what is left).
const browser = await launchChromium({
  args: ['--disable-frame-rate-limit', '--disable-gpu-vsync'],
});
try {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addStyleTag({ content: css });
  await page.addScriptTag({ content: script });
  const results: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    const rounds = n >= 1000 ? 5 : 9;
    const keys = n >= 1000 ? 25 : 40;
    // Each body runs in the page (serialized by playwright): it finds the bench API on window.
    const call = <T>(fn: (a: Args) => Promise<T>, kind: Kind) =>
      page.evaluate(fn, { kind, n, keys }).catch((e: unknown) => {
        throw new Error(`${kind} at ${n} fields: ${e instanceof Error ? e.message : String(e)}`);
      }) as Promise<T>;
    type Samples = Record<
      'mount' | 'painted' | 'complete' | 'frameWait' | 'key' | 'submit',
      number[]
    >;
    const m = Object.fromEntries(
      KINDS.map((k) => [
        k,
        { mount: [], painted: [], complete: [], frameWait: [], key: [], submit: [] } as Samples,
      ]),
    ) as Record<Kind, Samples>;
    const dom: Partial<Record<Kind, { elements: number; attributes: number }>> = {};
    // The first mount of each kind (at the first size: code not yet compiled by the JIT) is
    // kept apart; then WARMUP more, unmeasured, so the rounds time each kind's steady state.
    // With one warm-up mount the bench timed the JIT: big code (a form library) at 50 fields
    // measured slower than at 200.
    const first: Partial<Record<Kind, number>> = {};
    for (const kind of KINDS)
      first[kind] = await call(async ({ kind, n }) => {
        const api = (window as unknown as { formBench: Api }).formBench;
        api.prepare(n);
        return api.mount(kind, n);
      }, kind);
    for (let r = 0; r < WARMUP; r++)
      for (const kind of KINDS)
        await call(
          async ({ kind, n }) => (window as unknown as { formBench: Api }).formBench.mount(kind, n),
          kind,
        );
    // Kinds take turns round by round, so the machine's load falls on all of them alike.
    for (let r = 0; r < rounds; r++)
      for (const kind of KINDS)
        m[kind].mount.push(
          await call(
            async ({ kind, n }) =>
              (window as unknown as { formBench: Api }).formBench.mount(kind, n),
            kind,
          ),
        );
    for (let r = 0; r < rounds; r++)
      for (const kind of KINDS) {
        const t = await call(
          ({ kind, n }) =>
            (window as unknown as { formBench: Api }).formBench.mountPainted(kind, n),
          kind,
        );
        m[kind].painted.push(t.painted);
        m[kind].frameWait.push(t.frameWait);
      }
    for (let r = 0; r < rounds; r++)
      for (const kind of KINDS)
        m[kind].complete.push(
          await call(
            ({ kind, n }) =>
              (window as unknown as { formBench: Api }).formBench.mountComplete(kind, n),
            kind,
          ),
        );
    for (const kind of KINDS)
      dom[kind] = await call(async ({ kind, n }) => {
        const api = (window as unknown as { formBench: Api }).formBench;
        await api.mountComplete(kind, n);
        return api.dom();
      }, kind);
    for (const kind of KINDS)
      m[kind].key = await call(async ({ kind, n, keys }) => {
        const api = (window as unknown as { formBench: Api }).formBench;
        await api.mountComplete(kind, n); // every field in the page: each may re-render
        for (let i = 0; i < 5; i++) await api.keystroke(i);
        const out: number[] = [];
        for (let i = 0; i < keys; i++) out.push(await api.keystroke(i));
        return out;
      }, kind);
    for (let r = 0; r < rounds; r++)
      for (const kind of KINDS)
        m[kind].submit.push(
          await call(async ({ kind, n }) => {
            const api = (window as unknown as { formBench: Api }).formBench;
            await api.mountComplete(kind, n); // a person clicks a whole form they can see
            return api.submitWithErrors(n);
          }, kind),
        );
    await call(async () => (window as unknown as { formBench: Api }).formBench.unmount(), 'floor');
    const row: Record<string, Record<string, unknown>> = {};
    for (const kind of KINDS) {
      const { elements, attributes } = dom[kind]!;
      row[kind] = {
        firstMountMs: round(first[kind]!),
        mountMs: stats(m[kind].mount),
        paintedMs: stats(m[kind].painted),
        completeMs: stats(m[kind].complete),
        frameWaitMs: stats(m[kind].frameWait),
        keystrokeMs: stats(m[kind].key),
        submitErrorsMs: stats(m[kind].submit),
        dom: {
          elements,
          attributes,
          perField: { elements: round(elements / n), attributes: round(attributes / n) },
        },
      };
    }
    const ratio = (kind: Kind, metric: 'mountMs' | 'paintedMs' | 'completeMs' | 'keystrokeMs') =>
      round(
        (row[kind]![metric] as { p50: number }).p50 / (row.floor![metric] as { p50: number }).p50,
      );
    results.push({
      fields: n,
      ...row,
      ratioToFloor: Object.fromEntries(
        KINDS.filter((k) => k !== 'floor').map((k) => [
          k,
          {
            mount: ratio(k, 'mountMs'),
            painted: ratio(k, 'paintedMs'),
            complete: ratio(k, 'completeMs'),
            keystroke: ratio(k, 'keystrokeMs'),
          },
        ]),
      ),
    });
  }
  console.log(
    JSON.stringify(
      {
        bench: '@trellis/forms big forms (headless chromium)',
        react: development ? 'development' : 'production',
        warmupMounts: WARMUP,
        targets: {
          mountRatio: 1.3,
          keystrokeRatio: 1.2,
          submitErrorsMsAt200: 30,
          keystrokeP95MsAt1000: 16,
        },
        load: { start: loadAtStart, end: load() },
        results,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.closeAll();
}
