import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installSpec, loadDemo, type DemoRecipe } from '@trellis/server';
import { openStore } from '@trellis/store';
import { describe, expect, it } from 'vitest';
import { bundleTemplate } from '@trellis/server';
import { REPO_ROOT } from './run-cli';

const FOLDER = join(REPO_ROOT, 'templates', 'education');

describe('templates/education demo recipe through the real write path', () => {
  it('installs the template and loads every demo record without a single refusal', async () => {
    const bundle = bundleTemplate(FOLDER);
    if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
    const store = await openStore({ url: ':memory:' });
    try {
      const installed = await installSpec(store, bundle.spec, { note: 'test', locale: 'en' });
      expect(installed.ok).toBe(true);
      const recipe = JSON.parse(
        readFileSync(join(FOLDER, 'demo', 'recipe.json'), 'utf8'),
      ) as DemoRecipe;
      const report = await loadDemo(store, recipe);
      expect(report.failures).toEqual([]);
      const expected = Object.values(recipe.records).reduce((n, list) => n + list.length, 0);
      expect(report.records).toBe(expected);

      // Every lead ends in the stage the recipe gives it, after passing the engine's stage gates.
      const byStage = (await store.tables.rows('e_lead')).reduce<Record<string, number>>(
        (acc, row) => ({ ...acc, [String(row.stage)]: (acc[String(row.stage)] ?? 0) + 1 }),
        {},
      );
      const wanted = (recipe.records.lead ?? []).reduce<Record<string, number>>(
        (acc, l) => ({ ...acc, [l.stage!]: (acc[l.stage!] ?? 0) + 1 }),
        {},
      );
      expect(byStage).toEqual(wanted);
      const touches = (recipe.records.lead ?? []).reduce((n, l) => n + (l.touches?.length ?? 0), 0);
      expect(await store.tables.count('touches')).toBe(touches);
    } finally {
      await store.close();
    }
  });
});
