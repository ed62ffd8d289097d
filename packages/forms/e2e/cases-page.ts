// Runs the shared record cases through the form runtime, in the page: what a form would submit
// (normalized values) or show (errors), for the e2e test to compare with the case file.
import type { Locale, RecordData } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import { toMinorUnits } from '../src/core/money';
import { runtimeFor } from '../src/core/spec-cache';

export type CaseFile = {
  spec: AppSpec;
  cases: { name: string; locale: Locale; input: RecordData }[];
  money: { typed: string; fen: number }[];
};

function run(file: CaseFile) {
  const runtime = runtimeFor(file.spec, { entity: 'lead' });
  if ('error' in runtime) throw new Error(runtime.error);
  const results = file.cases.map((c) => {
    const check = runtime.check(c.input, c.locale);
    return {
      values: Object.fromEntries(Object.keys(c.input).map((k) => [k, check.values[k]])),
      errors: check.errors.map(({ path, code, message }) => ({ path, code, message })),
    };
  });
  const money = file.money.map((m) => toMinorUnits(m.typed, 'CNY'));
  return { results, money, userAgent: navigator.userAgent };
}

(window as unknown as { runCases: typeof run }).runCases = run;
