import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { createLogic } from './index';

// The official JsonLogic conformance cases, kept in the repository (see test-data/jsonlogic/README.md).
const file = resolve(dirname(fileURLToPath(import.meta.url)), '../test-data/jsonlogic/tests.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).filter(
  (c): c is [unknown, unknown, unknown] => Array.isArray(c),
);

/**
 * Cases of tests.json where we deliberately differ, keyed by JSON.stringify([rule, data]),
 * each with the reason. Every other case of the official file must pass unchanged. The file
 * currently needs no exception: none of its cases reads prototype members, compares with
 * null or uses `log`/`method`. The differences themselves are pinned below, side by side
 * with json-logic-js, so a change in either engine shows up here.
 */
const safetyDifferences: Record<string, { expected: unknown; reason: string }> = {};

/** Our deliberate differences from json-logic-js, each with the reason. */
const differences: { rule: unknown; data: unknown; ours: unknown; reason: string }[] = [
  {
    rule: { var: 'constructor' },
    data: {},
    ours: null,
    reason: 'var reads own properties only: no prototype members',
  },
  {
    rule: { var: '__proto__' },
    data: {},
    ours: null,
    reason: 'var reads own properties only: no prototype members',
  },
  {
    rule: { var: 'name.length' },
    data: { name: 'abc' },
    ours: null,
    reason: 'primitives expose no properties to var',
  },
  {
    rule: { '<': [{ var: 'budget' }, 1000] },
    data: { budget: null },
    ours: false,
    reason: 'ordering with null or missing is false (JS turns null into 0)',
  },
  {
    rule: { '>=': [0, { var: 'x' }] },
    data: {},
    ours: false,
    reason: 'ordering with null or missing is false',
  },
  { rule: { '<=': [null, 0] }, data: {}, ours: false, reason: 'ordering with null is false' },
  {
    rule: { var: ['budget', 5] },
    data: { budget: null },
    ours: 5,
    reason: 'a var default also replaces null (the engine stores missing values as null)',
  },
  {
    rule: { '*': [] },
    data: {},
    ours: null,
    reason: 'json-logic-js throws a TypeError; errors are values, so null',
  },
];

describe('deliberate differences from json-logic-js', () => {
  const logic = createLogic();
  it.each(differences.map((d) => [JSON.stringify(d.rule), d] as const))('%s', (_s, d) => {
    expect(logic.evaluate(d.rule, d.data)).toEqual(d.ours);
    let theirs: unknown;
    try {
      theirs = jsonLogic.apply(d.rule as never, d.data);
    } catch (e) {
      theirs = e;
    }
    expect(theirs).not.toEqual(d.ours);
  });
  // json-logic-js 2 still has `log`; `method` existed in older JsonLogic versions.
  it('does not offer log (console side effect) or method (calls arbitrary methods)', () => {
    expect(logic.tryEvaluate({ method: ['abc', 'toUpperCase'] }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.unknownOperator' },
    });
    expect(logic.tryEvaluate({ log: 1 }, {})).toMatchObject({
      ok: false,
      error: { code: 'logic.unknownOperator' },
    });
  });
});

describe('official JsonLogic conformance (tests.json)', () => {
  const logic = createLogic();
  it('has the official cases', () => {
    expect(cases.length).toBeGreaterThan(250);
  });
  it.each(cases.map((c, i) => [i, JSON.stringify(c[0]), c] as const))(
    'case %i: %s',
    (_i, _s, [rule, data, expected]) => {
      const diff = safetyDifferences[JSON.stringify([rule, data])];
      expect(logic.evaluate(rule, data)).toEqual(diff ? diff.expected : expected);
    },
  );
});
