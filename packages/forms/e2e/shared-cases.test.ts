// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChromium } from '@trellis/tooling/chromium-server';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formValueSchema, standaloneValidatorModule } from '@trellis/rules';
import { bundleForBrowser } from '../test/browser-bundle';
import type { CaseFile } from './cases-page';

type Expected = Omit<CaseFile, 'cases'> & {
  cases: (CaseFile['cases'][number] & {
    values?: Record<string, unknown>;
    errors: Outcome['errors'];
  })[];
};

type Outcome = {
  values: Record<string, unknown>;
  errors: { path: string; code: string; message: string }[];
};
type PageRun = { app: Outcome[]; page: Outcome[]; money: unknown[]; userAgent: string };

const byPath = (list: Outcome['errors']) =>
  [...list].sort((a, b) => `${a.path} ${a.code}`.localeCompare(`${b.path} ${b.code}`));

// The engine runs the same file (packages/engine/src/records/shared-cases.test.ts).
const file = createRequire(import.meta.url).resolve('@trellis/rules/cases/record-cases.json');
const cases = JSON.parse(readFileSync(file, 'utf8')) as Expected;
// What the server hands a public page for the entity (apps/server: live-forms): its validator,
// compiled ahead of time.
const lead = cases.spec.entities.find((e) => e.key === 'lead')!;
const validatorModule = standaloneValidatorModule(
  formValueSchema(
    lead,
    lead.fields.map((f) => f.key),
  ),
);

let run: PageRun;
let browser: Awaited<ReturnType<typeof runChromium>> | undefined;

beforeAll(async () => {
  const { script } = await bundleForBrowser(new URL('./cases-page.ts', import.meta.url));
  // A fresh context of the run's chromium (vitest.config.ts starts it).
  browser = await runChromium();
  const page = await (await browser.newContext()).newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: script });
  run = await page.evaluate(
    ([f, v]) =>
      (window as unknown as { runCases(f: CaseFile, v: string): Promise<PageRun> }).runCases(f, v),
    [cases as CaseFile, validatorModule] as const,
  );
}, 120_000);
afterAll(() => browser?.close());

// What the browser shows before submit is what the server answers after: in the web app's forms
// and on a public form page (precompiled validator, small phone metadata, regions by province).
describe.each(['app', 'page'] as const)(
  'the shared record cases in chromium, through the form runtime (%s)',
  (runtime) => {
    it('runs in a real browser', () => {
      expect(run.userAgent).toMatch(/Chrome\//);
      expect(run[runtime]).toHaveLength(cases.cases.length);
    });

    it.each(cases.cases.map((c, i) => [`${c.name} (${c.locale})`, c, i] as const))(
      '%s',
      (_, c, i) => {
        const got = run[runtime][i]!;
        if (c.values) {
          expect(got.errors).toEqual([]);
          expect(got.values).toEqual(c.values);
        } else {
          expect(byPath(got.errors)).toEqual(byPath(c.errors));
        }
      },
    );
  },
);

it('reads typed yuan as fen, full-width digits and thousands separators included', () => {
  expect(run.money).toEqual(cases.money.map((m) => m.fen));
});
