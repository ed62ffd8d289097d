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
//
// How the mount is compared with the floor (`method` in the JSON): at 50 fields a mount is a few
// milliseconds, so 9 samples of each kind, taken kind after kind, moved the ratio 1.15–1.47×
// between runs. Painted mounts are now taken in many rounds (61 at 50 fields); in each round every
// kind mounts once, and the order turns by one each round (no kind always follows the same
// other). Before each sample the page collects its garbage (chromium with --expose-gc), so no
// sample pays for the one before. The ratio is taken per round (our mount over the floor's mount
// of the same round, moments apart under the same load), then its median and p95 reported
// (`pairRatio`), beside the ratio of the medians (`ratioToFloor`).
import { loadavg } from 'node:os';
import { launchChromium } from '@trellis/tooling/browser';
import { percentile } from '@trellis/tooling/bench';
import { bundleForBrowser } from '../test/browser-bundle';
import { phaseTotal, tracePhases, type PhaseMs } from './trace-phases';

type Args = { kind: Kind; n: number; keys: number };
type Kind = 'floor' | 'light' | 'desktop' | 'rjsf';
type Painted = { commit: number; painted: number; frameWait: number };
type Metric = 'mount' | 'painted' | 'complete';
type Api = {
  prepare(n: number): void;
  painted(): Promise<void>;
  gc(): void;
  mount(kind: Kind, n: number): number;
  mountPainted(kind: Kind, n: number): Promise<Painted>;
  mountComplete(kind: Kind, n: number): Promise<number>;
  dom(): { elements: number; attributes: number };
  unmount(): void;
  keystroke(i: number): Promise<number>;
  keystrokePainted(i: number): Promise<number>;
  submitWithErrors(n: number): Promise<number>;
};

const SIZES = (process.env.FORM_BENCH_SIZES ?? '50,200,1000').split(',').map(Number);
const KINDS: Kind[] = ['floor', 'light', 'desktop', 'rjsf'];
const WARMUP = Number(process.env.FORM_BENCH_WARMUP ?? 5);
// Rounds of painted mounts per size: many where a mount is a few ms (env: a dry run's few).
const PAINTED_ROUNDS = (n: number) =>
  Number(process.env.FORM_BENCH_PAINTED_ROUNDS ?? (n >= 1000 ? 9 : n >= 200 ? 25 : 61));
/** The kinds in round `r`'s order: turned by one each round, so each kind takes every place. */
const turn = (r: number) => [...KINDS.slice(r % KINDS.length), ...KINDS.slice(0, r % KINDS.length)];
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
// Stylesheets per kind, as each real page loads them, with no timed sample right after a switch
// of stylesheets (`own`), every sample right after one (`own-switch`), or switched only when the
// kind's differ from the last sample's (`own-once`, the measure of session 21), or all for every
// kind (`all`, the measure of sessions 14–20): bench/page.tsx adds and switches them itself.
const CSS_MODES = ['own', 'own-switch', 'own-once', 'all'] as const;
const CSS_MODE =
  CSS_MODES.find((m) => m === process.env.FORM_BENCH_CSS) ??
  (process.env.FORM_BENCH_CSS
    ? fail(`FORM_BENCH_CSS must be one of ${CSS_MODES.join(', ')}`)
    : 'own');
function fail(message: string): never {
  throw new Error(message);
}
const { script } = await bundleForBrowser(new URL('./page.tsx', import.meta.url), {
  development,
});
// Frames as soon as the main thread is free, not at the next 60 Hz tick: a painted mount then
// times the work, not up to 16.7 ms of waiting for vsync (`frameWaitMs` shows what is left).
const browser = await launchChromium({
  // --expose-gc: the page collects garbage before each timed mount (not timed).
  args: ['--disable-frame-rate-limit', '--disable-gpu-vsync', '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate(
    (mode) =>
      (window as unknown as { formBench: { setCssMode(m: string): void } }).formBench.setCssMode(
        mode,
      ),
    CSS_MODE,
  );
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
      'mount' | 'painted' | 'complete' | 'frameWait' | 'key' | 'keyPainted' | 'submit',
      number[]
    >;
    const m = Object.fromEntries(
      KINDS.map((k) => [
        k,
        {
          mount: [],
          painted: [],
          complete: [],
          frameWait: [],
          key: [],
          keyPainted: [],
          submit: [],
        } as Samples,
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
    // Kinds take turns round by round, the order turning each round, garbage collected before
    // each sample: the machine's load and the heap fall on all kinds alike.
    for (let r = 0; r < rounds; r++)
      for (const kind of turn(r))
        m[kind].mount.push(
          await call(async ({ kind, n }) => {
            const api = (window as unknown as { formBench: Api }).formBench;
            api.gc();
            return api.mount(kind, n);
          }, kind),
        );
    for (let r = 0; r < PAINTED_ROUNDS(n); r++)
      for (const kind of turn(r)) {
        const t = await call(({ kind, n }) => {
          const api = (window as unknown as { formBench: Api }).formBench;
          api.gc();
          return api.mountPainted(kind, n);
        }, kind);
        m[kind].painted.push(t.painted);
        m[kind].frameWait.push(t.frameWait);
      }
    for (let r = 0; r < rounds; r++)
      for (const kind of turn(r))
        m[kind].complete.push(
          await call(({ kind, n }) => {
            const api = (window as unknown as { formBench: Api }).formBench;
            api.gc();
            return api.mountComplete(kind, n);
          }, kind),
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
    for (const kind of KINDS)
      m[kind].keyPainted = await call(async ({ kind, n, keys }) => {
        const api = (window as unknown as { formBench: Api }).formBench;
        await api.mountComplete(kind, n);
        for (let i = 0; i < 5; i++) await api.keystrokePainted(i);
        const out: number[] = [];
        for (let i = 0; i < keys; i++) out.push(await api.keystrokePainted(i));
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
        keystrokePaintedMs: stats(m[kind].keyPainted),
        submitErrorsMs: stats(m[kind].submit),
        dom: {
          elements,
          attributes,
          perField: { elements: round(elements / n), attributes: round(attributes / n) },
        },
      };
    }
    const ratio = (
      kind: Kind,
      metric: 'mountMs' | 'paintedMs' | 'completeMs' | 'keystrokeMs' | 'keystrokePaintedMs',
    ) =>
      round(
        (row[kind]![metric] as { p50: number }).p50 / (row.floor![metric] as { p50: number }).p50,
      );
    // Our mount over the floor's in the same round, per round: the ratio with the load of the
    // moment in both sides of it.
    const pairRatio = (kind: Kind, metric: Metric) =>
      stats(m[kind][metric].map((ms, r) => ms / m.floor[metric][r]!));
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
            keystrokePainted: ratio(k, 'keystrokePaintedMs'),
          },
        ]),
      ),
      pairRatio: Object.fromEntries(
        KINDS.filter((k) => k !== 'floor').map((k) => [
          k,
          {
            mount: pairRatio(k, 'mount'),
            painted: pairRatio(k, 'painted'),
            complete: pairRatio(k, 'complete'),
          },
        ]),
      ),
    });
  }
  // Where the smallest size's painted mount and painted keystroke go, kind by kind (traced runs of
  // their own, after the timed ones: tracing slows the page, so these are shares, not the timings
  // above). Each phase in wall ms and in main-thread CPU ms: under load the wall time of a phase
  // includes waiting for a core, so the CPU ratio to the floor is the one the load moves least.
  const tracedKinds = ['floor', 'desktop', 'light'];
  const n0 = SIZES[0]!;
  const mounts = await tracePhases(browser, page, 'mount', tracedKinds, n0);
  const keys = await tracePhases(browser, page, 'keystroke', tracedKinds, n0, 40);
  // CPU ms per sample over the floor's, kind by kind: the work compared without the load's waits.
  const cpuRatio = (traced: Record<string, PhaseMs>) =>
    Object.fromEntries(
      tracedKinds.map((k) => [
        k,
        {
          cpuMs: phaseTotal(traced[k]!.cpu),
          wallMs: phaseTotal(traced[k]!.wall),
          cpuRatioToFloor: round(phaseTotal(traced[k]!.cpu) / phaseTotal(traced.floor!.cpu)),
        },
      ]),
    );
  console.log(
    JSON.stringify(
      {
        bench: '@trellis/forms big forms (headless chromium)',
        react: development ? 'development' : 'production',
        warmupMounts: WARMUP,
        css:
          CSS_MODE === 'all'
            ? 'every kind under all stylesheets (antd.css, light.css, desktop.css), as sessions 14-20'
            : "each kind under its real page's stylesheets: desktop Ant Design's antd.css and " +
              "desktop.css, light light.css (the public page's), floor and RJSF none; " +
              {
                own:
                  "the pages' font on the body; before every painted and complete sample a " +
                  'switch of stylesheets (a frame under other sheets), then one untimed mount ' +
                  'of the same kind, so no timed sample follows a switch',
                'own-switch':
                  "the pages' font on the body; every painted and complete sample right after " +
                  'a switch of stylesheets (a frame under other sheets first)',
                'own-once':
                  "no font; sheets switched only when a kind's differ from the last sample's " +
                  '(session 21)',
              }[CSS_MODE],
        method:
          'headless chromium, 1280x900, frames unthrottled (--disable-frame-rate-limit, ' +
          '--disable-gpu-vsync); per size every kind mounts once then WARMUP times unmeasured; ' +
          'mounts are taken in rounds, every kind once per round, the order turned by one each ' +
          'round, garbage collected in the page before each sample (--expose-gc); ' +
          'ratioToFloor = median over the floor median; pairRatio = median and p95 of ' +
          '(our mount / the floor mount of the same round); keystrokes: 5 unmeasured then ' +
          'timed on the whole form, kind after kind: keystrokeMs until the first task after ' +
          "React's render (a frame falls inside it or not, by chance), keystrokePaintedMs " +
          'until the frame showing the key has painted (every key includes its frame)',
        paintedRounds: SIZES.map((n) => ({ fields: n, rounds: PAINTED_ROUNDS(n) })),
        targets: {
          mountRatio: 1.3,
          keystrokeRatio: 1.2,
          submitErrorsMsAt200: 30,
          keystrokeP95MsAt1000: 16,
        },
        load: { start: loadAtStart, end: load() },
        results,
        mainThreadMsPerPaintedMount: { fields: n0, total: cpuRatio(mounts), phases: mounts },
        mainThreadMsPerPaintedKeystroke: { fields: n0, total: cpuRatio(keys), phases: keys },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.closeAll();
}
