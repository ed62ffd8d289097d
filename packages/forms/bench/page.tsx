// The benchmark page: the same big form as RecordForm (light and desktop widget sets), as
// @rjsf/core renders its JSON Schema, and as plain React inputs with no form library (the floor).
import { useState, type ReactElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import RjsfForm from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import type { AppSpec } from '@trellis/spec';
import { desktopWidgets, lightWidgets, RecordForm } from '../src/index';
import { bigJsonSchema, bigSpec, requiredCount, visibleCount } from './big-form';
// Each kind mounts under the stylesheets its real page loads (`applySheets`), not all of them:
// the desktop set under Ant Design's static stylesheet (zero-runtime styles, what the web app
// loads and the package recommends) and its own; the light set under its own alone, as the public
// page (whose other rules, apps/web/src/public-form/public-form.css, draw the page around the
// form: body.tf-page, .tf-card, the language switch); plain inputs and RJSF under none. Every
// element with a class is matched against Ant Design's ~430 `[class^="ant-…"]` rules while its
// sheet is on, so with all sheets on for every kind (FORM_BENCH_CSS=all, the measure of
// sessions 14–20) the light set paid for Ant Design's rules as it never does on its page.
import antdCss from 'antd/dist/antd.css?inline';
import lightCss from '../src/widgets/light/light.css?inline';
import desktopCss from '../src/widgets/desktop/desktop.css?inline';

const zeroRuntime = { zeroRuntime: true };

type Kind = 'floor' | 'light' | 'desktop' | 'rjsf';

function PlainForm({ n }: { n: number }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const inputs: ReactNode[] = [];
  for (let i = 0; i < n; i++) {
    const key = `f${i}`;
    if (i % 10 === 9 && !values[`f${i - 1}`]) continue;
    inputs.push(
      <div key={key}>
        <label htmlFor={key}>Field {i}</label>
        <input
          id={key}
          value={values[key] ?? ''}
          aria-invalid={errors[key] ? true : undefined}
          onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
        />
        {errors[key] && <p role="alert">{errors[key]}</p>}
      </div>,
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const next: Record<string, string> = {};
        for (let i = 0; i < n; i += 5) if (!values[`f${i}`]) next[`f${i}`] = 'Required';
        setErrors(next);
      }}
    >
      {inputs}
      <button type="submit">Submit</button>
    </form>
  );
}

const specs = new Map<number, AppSpec>();
const schemas = new Map<number, Record<string, unknown>>();
const noop = () => undefined;
const now = () => Date.UTC(2026, 0, 5);

function element(kind: Kind, n: number) {
  if (kind === 'floor') return <PlainForm n={n} />;
  if (kind === 'rjsf')
    return (
      <RjsfForm
        schema={schemas.get(n)!}
        validator={validator}
        noHtml5Validate
        showErrorList={false}
      />
    );
  return (
    <RecordForm
      spec={specs.get(n)!}
      form="big"
      locale="en"
      widgets={kind === 'light' ? lightWidgets : desktopWidgets}
      onSubmit={noop}
      now={now}
    />
  );
}

// The host app, mounted once as the web app mounts its shell: Ant Design's ConfigProvider with
// zero-runtime styles and the app's language at the root (its theme, computed once per app) and
// a place for one form.
// Every kind mounts into that place, so a mount times the form alone: its first render and commit.
// The state lives below the provider: showing a form re-renders the slot, not the provider.
let show: (form: ReactElement | null) => void = () => undefined;
function Slot() {
  const [form, setForm] = useState<ReactElement | null>(null);
  show = setForm;
  return form;
}
const app = (
  <ConfigProvider theme={zeroRuntime} locale={enUS}>
    <Slot />
  </ConfigProvider>
);

const SHEETS = { antd: antdCss, light: lightCss, desktop: desktopCss };
type Sheet = keyof typeof SHEETS;
const OWN_SHEETS: Record<Kind, Sheet[]> = {
  floor: [],
  rjsf: [],
  light: ['light'],
  desktop: ['antd', 'desktop'],
};
/**
 * `own`: each kind under its real page's stylesheets and the pages' font, and no timed sample
 * right after a switch of stylesheets (`prepareSheets`); `own-switch`: the same, but every
 * sample right after a switch; `own-once`: the sheets switched only when the kind's differ from
 * the last sample's, no font (session 21's measure); `all`: every kind under all of them, never
 * switched, no font (sessions 14–20).
 */
type CssMode = 'own' | 'own-switch' | 'own-once' | 'all';
let cssMode: CssMode = 'own';
const sheets = new Map<Sheet, HTMLStyleElement>();
// On only between samples (`prepareSheets`): a rule that matches nothing, so the page's set of
// active stylesheets differs from every kind's, the floor's empty one included.
let between: HTMLStyleElement | null = null;
// The font both real pages set (apps/web/src/public-form/public-form.css on the public page's
// body; Ant Design's --ant-font-family, apps/web/src/app/app.css, in the web app): text drawn
// in the browser's default serif face needed no look through a list of faces.
const PAGE_FONT = `body { font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto,
  'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei',
  'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif; }`;
let pageFont: HTMLStyleElement | null = null;

/** Turns on the stylesheets `kind` mounts under and off the others (before a sample's clock). */
function applySheets(kind: Kind) {
  if (sheets.size === 0) {
    const add = (css: string) => {
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
      return style;
    };
    for (const [name, css] of Object.entries(SHEETS)) sheets.set(name as Sheet, add(css));
    between = add('.tf-bench-between { color: red; }');
    pageFont = add(PAGE_FONT);
  }
  between!.disabled = true;
  pageFont!.disabled = cssMode === 'own-once' || cssMode === 'all';
  for (const [name, style] of sheets)
    style.disabled = cssMode !== 'all' && !OWN_SHEETS[kind].includes(name);
}

/**
 * Before a painted sample: in the `own` modes a frame under another set of stylesheets (all
 * off, one that matches nothing on), then `kind`'s own; in the `own` mode then one untimed
 * mount of `kind`, painted and removed (its garbage collected), so the timed one does not
 * follow the switch.
 * The first styling after a change of the active stylesheets costs a kind in proportion to its
 * rules (traced CPU per painted 50-field mount, the same run, load 13: desktop 6.26 ms right
 * after a switch, 5.37 after a mount of its own; plain inputs, no rules, 4.39 and 4.43). In
 * session 21's measure (`own-once`) every desktop and light sample followed a switch (the kind
 * before had other sheets); so would every sample in `own-switch` — the floor's too, which pays
 * nothing for one. A real page switches no stylesheets between its forms.
 */
async function prepareSheets(kind: Kind, n: number) {
  if (cssMode === 'own' || cssMode === 'own-switch') {
    applySheets(kind);
    for (const style of sheets.values()) style.disabled = true;
    between!.disabled = false;
    await api.painted();
  }
  applySheets(kind);
  if (cssMode === 'own') {
    await api.painted();
    flushSync(() => show(element(kind, n)));
    await api.painted();
    api.unmount();
    api.gc(); // the timed mount pays for no garbage of this one
  }
}

let root: Root | null = null;
let host: HTMLElement | null = null;

function startHost() {
  if (root) return;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  flushSync(() => root!.render(app));
}

/** After React's work for an event (its microtasks) and the next task: what a person waits for. */
const settle = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

// Fields marked invalid: aria-invalid on our inputs and the floor's, RJSF's rjsf-field-error class (v6).
const invalidCount = () =>
  host!.querySelectorAll('input[aria-invalid="true"], .rjsf-field-error:not(.rjsf-field-object)')
    .length;

const api = {
  /** Which stylesheets the kinds mount under, for the whole run (see `applySheets`). */
  setCssMode(mode: CssMode) {
    cssMode = mode;
  },
  prepare(n: number) {
    // Spec and validators are built per spec version, before any form mounts (not timed).
    if (!specs.has(n)) specs.set(n, bigSpec(n));
    if (!schemas.has(n)) schemas.set(n, bigJsonSchema(n));
  },
  /** After the next frame: the form laid out and painted, as a person sees it before a click. */
  painted: () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => settle().then(resolve))),
  /** Collects garbage (chromium started with --expose-gc), so a sample does not pay for the last. */
  gc() {
    (window as unknown as { gc?: () => void }).gc?.();
  },
  /** Mounts one form and returns how long the first render and commit took, in ms. */
  mount(kind: Kind, n: number): number {
    api.unmount();
    applySheets(kind);
    const t0 = performance.now();
    flushSync(() => show(element(kind, n)));
    return performance.now() - t0;
  },
  /**
   * Mounts one form on a painted, idle page and times it until the frame after the commit has
   * painted (style, layout, paint: the form on screen, what a person waits for). `frameWait` is
   * the idle part of that, between the commit and the start of the frame.
   */
  async mountPainted(kind: Kind, n: number) {
    api.unmount();
    await prepareSheets(kind, n);
    await api.painted(); // the previous form's removal is laid out before the clock starts
    performance.mark('tf-mount-start');
    const t0 = performance.now();
    flushSync(() => show(element(kind, n)));
    const commit = performance.now() - t0;
    let frame = 0;
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        frame = performance.now();
        void settle().then(resolve);
      }),
    );
    const painted = performance.now() - t0;
    // Marks for a trace of the bench (what the browser did between them), not read here.
    performance.mark('tf-mount-painted');
    return { commit, painted, frameWait: frame - t0 - commit };
  },
  /**
   * Mounts one form and times it until all of it is rendered, drawn and painted. A RecordForm
   * longer than a screen renders the fields past it in a task after its first frame
   * (useRestShown), then has them drawn a screenful per frame (useDrawAhead, up to 192): this
   * waits for both, then for the frame that paints the last of them. Plain inputs and RJSF render and
   * draw everything at once, so for them this is `mountPainted`.
   */
  async mountComplete(kind: Kind, n: number) {
    api.unmount();
    await prepareSheets(kind, n);
    await api.painted();
    const t0 = performance.now();
    flushSync(() => show(element(kind, n)));
    if (kind === 'light' || kind === 'desktop') {
      const want = visibleCount(n);
      for (let i = 0; i < 2000 && host!.querySelectorAll('[data-tf-field]').length < want; i++)
        await settle();
      if (host!.querySelectorAll('[data-tf-field]').length < want)
        throw new Error(
          `only ${host!.querySelectorAll('[data-tf-field]').length} of ${want} fields`,
        );
      // Drawn ahead: until a frame draws no more (a very long form leaves its far end to
      // content-visibility: auto).
      const drawn = () => host!.querySelectorAll('[data-tf-drawn]').length;
      for (let i = 0, was = -1; i < 2000 && drawn() !== was; i++) {
        was = drawn();
        await api.painted();
        await api.painted();
      }
    }
    await api.painted();
    return performance.now() - t0;
  },
  /** Elements and attributes the mounted form put in the page (its per-field DOM cost). */
  dom() {
    const all = host!.querySelectorAll('*');
    let attributes = 0;
    for (const el of all) attributes += el.attributes.length;
    return { elements: all.length, attributes };
  },
  unmount() {
    startHost();
    flushSync(() => show(null));
  },
  /** Types one character into the first text input; ms until React has rendered it. */
  async keystroke(i: number): Promise<number> {
    const input = host!.querySelector<HTMLInputElement>('input[type="text"], input:not([type])')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const t0 = performance.now();
    setter.call(input, `${input.value}${String.fromCharCode(97 + (i % 26))}`);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    return performance.now() - t0;
  },
  /**
   * Types one character into the first text input; ms until the frame showing it has painted.
   * `keystroke` ends at the first task after React's render, and whether the browser draws a
   * frame before that task is a race (frames are unthrottled): at 50 fields the same form
   * measured 0.5 or 2 ms a key by that alone. Here every key includes its frame.
   */
  async keystrokePainted(i: number): Promise<number> {
    const input = host!.querySelector<HTMLInputElement>('input[type="text"], input:not([type])')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    performance.mark('tf-key-start');
    const t0 = performance.now();
    const painted = new Promise<void>((resolve) =>
      requestAnimationFrame(() => void settle().then(resolve)),
    );
    setter.call(input, `${input.value}${String.fromCharCode(97 + (i % 26))}`);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await painted;
    const ms = performance.now() - t0;
    performance.mark('tf-key-painted'); // for a trace of the bench, not read here
    return ms;
  },
  /** Submits the empty form; ms until the required-field errors show. */
  async submitWithErrors(n: number): Promise<number> {
    const want = requiredCount(n);
    const button = host!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    const t0 = performance.now();
    button.click();
    for (let i = 0; i < 2000 && invalidCount() < want; i++) await settle();
    const ms = performance.now() - t0;
    if (invalidCount() < want) throw new Error(`only ${invalidCount()} of ${want} errors shown`);
    return ms;
  },
};

(window as unknown as { formBench: typeof api }).formBench = api;
