import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogic } from './index';

// /work/shared sits beside the repository: packages/logic/src -> ../../../../shared.
const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/jsonlogic/tests.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).filter((c): c is [unknown, unknown, unknown] => Array.isArray(c));

/**
 * Deliberate differences from json-logic-js, keyed by JSON.stringify([rule, data]), each with
 * the reason. Every other case of the official file must pass unchanged.
 */
const safetyDifferences: Record<string, { expected: unknown; reason: string }> = {};

describe('official JsonLogic conformance (tests.json)', () => {
  const logic = createLogic();
  it('has the official cases', () => {
    expect(cases.length).toBeGreaterThan(250);
  });
  it.each(cases.map((c, i) => [i, JSON.stringify(c[0]), c] as const))('case %i: %s', (_i, _s, [rule, data, expected]) => {
    const diff = safetyDifferences[JSON.stringify([rule, data])];
    expect(logic.evaluate(rule, data)).toEqual(diff ? diff.expected : expected);
  });
});
