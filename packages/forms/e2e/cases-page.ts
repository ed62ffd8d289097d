// Runs the shared record cases through the form runtime, in the page: what a form would submit
// (normalized values) or show (errors), for the e2e test to compare with the case file. Twice:
// as the web app builds a form (the full data, ajv compiled in the page) and as a public form
// page does (apps/web/src/public-form/load.ts: the validator precompiled by ajv standalone, the
// small phone metadata, the provinces plus the one province a person has picked).
import {
  createEntityModel,
  createRuleEnv,
  loadStandaloneValidator,
  type Locale,
  type RecordData,
  type RegionSource,
} from '@trellis/rules';
import { regionChildren, regionInfo, type AppSpec, type EntitySpec } from '@trellis/spec';
import { toMinorUnits } from '../src/core/money';
import { createFormRuntime, type FormRuntime } from '../src/core/runtime';
import { runtimeFor } from '../src/core/spec-cache';

export type CaseFile = {
  spec: AppSpec;
  cases: { name: string; locale: Locale; input: RecordData }[];
  money: { typed: string; fen: number }[];
};
type Outcome = { values: RecordData; errors: { path: string; code: string; message: string }[] };
type StandaloneModule = Parameters<typeof loadStandaloneValidator>[0];

/** The regions a public page holds once a person has picked `province`: the rest not loaded. */
function pageRegions(province: string): RegionSource {
  const loaded = (code: string) => code.slice(0, 2) === province.slice(0, 2);
  return {
    info: (code) => {
      const info = regionInfo(code);
      return info && (info.level === 'province' || loaded(code)) ? info : undefined;
    },
    children: (parent) => (parent === null || loaded(parent) ? regionChildren(parent) : []),
  };
}

function runAll(runtime: FormRuntime, file: CaseFile): Outcome[] {
  return file.cases.map((c) => {
    const check = runtime.check(c.input, c.locale);
    return {
      values: Object.fromEntries(Object.keys(c.input).map((k) => [k, check.values[k]])),
      errors: check.errors.map(({ path, code, message }) => ({ path, code, message })),
    };
  });
}

async function run(file: CaseFile, validatorModule: string) {
  const app = runtimeFor(file.spec, { entity: 'lead' });
  if ('error' in app) throw new Error(app.error);
  const url = URL.createObjectURL(new Blob([validatorModule], { type: 'text/javascript' }));
  const module = (await import(/* @vite-ignore */ url)) as StandaloneModule;
  const entity = file.spec.entities.find((e) => e.key === 'lead') as EntitySpec;
  const model = createEntityModel(entity, {
    validate: loadStandaloneValidator(module),
    env: createRuleEnv(pageRegions('330000')),
  });
  const page = createFormRuntime(model, null, {});
  return {
    app: runAll(app, file),
    page: runAll(page, file),
    money: file.money.map((m) => toMinorUnits(m.typed, 'CNY')),
    userAgent: navigator.userAgent,
  };
}

(window as unknown as { runCases: typeof run }).runCases = run;
