import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import type { AppSpec } from '@trellis/spec';
import { createEngine, createManualClock, createSequentialIds, type Actor } from '../index';

type Case = {
  name: string;
  locale: 'zh-CN' | 'en';
  input: Record<string, unknown>;
  values?: Record<string, unknown>;
  errors: { path: string; code: string; message: string }[];
};

// The case file the form runtime also runs in a real browser (packages/forms/e2e): the
// engine must answer exactly what the form shows.
const file = createRequire(import.meta.url).resolve('@trellis/rules/cases/record-cases.json');
const { spec, cases } = JSON.parse(readFileSync(file, 'utf8')) as { spec: AppSpec; cases: Case[] };

const store = await openStore({ url: ':memory:' });
await store.migrations.syncEntityTables(spec);
const engine = createEngine({
  store,
  spec,
  clock: createManualClock(),
  ids: createSequentialIds('c'),
  locale: 'en',
});
afterAll(() => store.close());
const actor: Actor = { kind: 'system' };
const byPath = <T extends { path: string; code: string }>(list: T[]) =>
  [...list].sort((a, b) => `${a.path} ${a.code}`.localeCompare(`${b.path} ${b.code}`));

describe('the shared record cases through records.create', () => {
  it.each(cases.map((c) => [`${c.name} (${c.locale})`, c] as const))('%s', async (_, c) => {
    const r = await engine.records.create('lead', c.input, { actor, via: 'ui', locale: c.locale });
    if (c.values) {
      expect(r.ok ? [] : r.error.errors).toEqual([]);
      const stored: Record<string, unknown> = r.ok ? r.record : {};
      expect(Object.fromEntries(Object.keys(c.values).map((k) => [k, stored[k]]))).toEqual(
        c.values,
      );
    } else {
      const errors = r.ok
        ? []
        : r.error.errors.map(({ path, code, message }) => ({ path, code, message }));
      expect(byPath(errors)).toEqual(byPath(c.errors));
    }
  });
});
