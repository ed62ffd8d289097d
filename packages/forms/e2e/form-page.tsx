// A page that mounts RecordForm in chromium for the browser tests: the fixture's lead form or a
// big generated form, with the desktop set (set up as the package recommends) or the light set.
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ConfigProvider } from 'antd';
import type { Locale, RecordData } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import { desktopWidgets, lightWidgets, RecordForm } from '../src/index';
import { bigSpec } from '../bench/big-form';
import { formsApp } from '../test/fixture';
import 'antd/dist/antd.css';

export type MountOptions = {
  set: 'desktop' | 'light';
  locale: Locale;
  /** A big generated form of this many fields instead of the fixture's lead entity. */
  bigFields?: number;
};

// One theme for every mount, as an app has (a fixed CSS-variable key: a provider mounted anew
// keeps the same theme, as the app's root provider does across pages).
const theme = { zeroRuntime: true, cssVar: { key: 'tf-form-page' } };
const bigSpecs = new Map<number, AppSpec>();
let root: Root | null = null;
let host: HTMLElement | null = null;

const page = {
  /** What the last submit handed to onSubmit (normalized values), or null. */
  submitted: null as RecordData | null,
  mount(o: MountOptions) {
    page.unmount();
    page.submitted = null;
    host = document.createElement('div');
    host.style.maxWidth = '900px';
    document.body.append(host);
    root = createRoot(host);
    let spec = formsApp;
    if (o.bigFields) {
      if (!bigSpecs.has(o.bigFields)) bigSpecs.set(o.bigFields, bigSpec(o.bigFields));
      spec = bigSpecs.get(o.bigFields)!;
    }
    const form = (
      <RecordForm
        spec={spec}
        {...(o.bigFields ? { form: 'big' } : { entity: 'lead' })}
        locale={o.locale}
        widgets={o.set === 'light' ? lightWidgets : desktopWidgets}
        onSubmit={(values) => void (page.submitted = values)}
        now={() => Date.UTC(2026, 0, 5)}
      />
    );
    flushSync(() =>
      root!.render(
        o.set === 'desktop' ? <ConfigProvider theme={theme}>{form}</ConfigProvider> : form,
      ),
    );
  },
  unmount() {
    root?.unmount();
    host?.remove();
    root = null;
    host = null;
  },
  /** Resolves after the next frame has run (its rAF callbacks, layout and paint). */
  nextFrame: () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
};

export type FormPage = typeof page;
(window as unknown as { formPage: FormPage }).formPage = page;
