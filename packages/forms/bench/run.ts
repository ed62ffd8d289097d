// Form benchmark in headless chromium (JSON on stdout): first render, keystroke latency and
// submit-with-errors at 50, 200 and 1,000 fields for RecordForm (light and desktop widget sets),
// @rjsf/core on the same schema and plain React inputs (the floor), all in the same run.
import { launchChromium } from '@trellis/tooling/browser';
import { percentile } from '@trellis/tooling/bench';
import { bundleForBrowser } from '../test/browser-bundle';

type Kind = 'floor' | 'light' | 'desktop' | 'rjsf';
type Api = {
  prepare(n: number): void;
  mount(kind: Kind, n: number): number;
  unmount(): void;
  keystroke(i: number): Promise<number>;
  submitWithErrors(n: number): Promise<number>;
};

const SIZES = (process.env.FORM_BENCH_SIZES ?? '50,200,1000').split(',').map(Number);
const KINDS: Kind[] = ['floor', 'light', 'desktop', 'rjsf'];
const round = (n: number) => Math.round(n * 100) / 100;
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    runs: xs.length,
  };
};

const script = await bundleForBrowser(new URL('./page.tsx', import.meta.url));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addScriptTag({ content: script });
  const results: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    const rounds = n >= 1000 ? 3 : 5;
    const keys = n >= 1000 ? 25 : 40;
    const row: Record<string, Record<string, unknown>> = {};
    for (const kind of KINDS) {
      const m = await page
        .evaluate(
          async ({ kind, n, rounds, keys }) => {
            const api = (window as unknown as { formBench: Api }).formBench;
            api.prepare(n);
            const mount: number[] = [];
            for (let r = 0; r < rounds + 1; r++) mount.push(api.mount(kind, n));
            mount.shift(); // the first mount also loads code paths; the rest are what a form costs
            const key: number[] = [];
            api.mount(kind, n);
            for (let i = 0; i < 5; i++) await api.keystroke(i);
            for (let i = 0; i < keys; i++) key.push(await api.keystroke(i));
            const submit: number[] = [];
            for (let r = 0; r < rounds; r++) {
              api.mount(kind, n);
              submit.push(await api.submitWithErrors(n));
            }
            api.unmount();
            return { mount, key, submit };
          },
          { kind, n, rounds, keys },
        )
        .catch((e: unknown) => {
          throw new Error(`${kind} at ${n} fields: ${e instanceof Error ? e.message : String(e)}`);
        });
      row[kind] = {
        mountMs: stats(m.mount),
        keystrokeMs: stats(m.key),
        submitErrorsMs: stats(m.submit),
      };
    }
    const ratio = (kind: Kind, metric: 'mountMs' | 'keystrokeMs') =>
      round(
        (row[kind]![metric] as { p50: number }).p50 / (row.floor![metric] as { p50: number }).p50,
      );
    results.push({
      fields: n,
      ...row,
      ratioToFloor: Object.fromEntries(
        KINDS.filter((k) => k !== 'floor').map((k) => [
          k,
          { mount: ratio(k, 'mountMs'), keystroke: ratio(k, 'keystrokeMs') },
        ]),
      ),
    });
  }
  console.log(
    JSON.stringify(
      {
        bench: '@trellis/forms big forms (headless chromium)',
        targets: {
          mountRatio: 1.3,
          keystrokeRatio: 1.2,
          submitErrorsMsAt200: 30,
          keystrokeP95MsAt1000: 16,
        },
        results,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.closeAll();
}
