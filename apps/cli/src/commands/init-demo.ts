import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppSpec } from '@trellis/spec';
import {
  loadDemo,
  seedDemo,
  seedProfiles,
  type DemoRecipe,
  type DemoReport,
  type openRuntime,
} from '@trellis/server';

type Runtime = Awaited<ReturnType<typeof openRuntime>>;

/**
 * The demo data of `trellis init --demo`: the template's recipe (`demo` in template.json) when
 * it has one — its recent steps run through the engine and the automations, so the run log
 * has runs — else, for a template with a seed profile (b2b-sales), a few hundred units of its
 * `trellis seed` year with logins for its people. Null: the template has neither.
 */
export async function loadInitDemo(
  rt: Runtime,
  dir: string,
  name: string,
): Promise<DemoReport | null> {
  const manifest = JSON.parse(readFileSync(join(dir, 'template.json'), 'utf8')) as {
    demo?: string;
  };
  if (manifest.demo && existsSync(join(dir, manifest.demo))) {
    const recipe = JSON.parse(readFileSync(join(dir, manifest.demo), 'utf8')) as DemoRecipe;
    return loadDemo(rt.store, recipe, Date.now(), {
      engine: rt.engine,
      automations: rt.automations,
    });
  }
  const profile = seedProfiles[name];
  const live = await rt.store.specs.live();
  if (!profile || !live) return null;
  return seedDemo(rt.store, live.spec as AppSpec, profile);
}
