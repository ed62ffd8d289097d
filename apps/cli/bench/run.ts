import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSpec } from '@trellis/spec';
import { measure, ratio, summarise } from '@trellis/tooling/bench';
import { bundleTemplate } from '@trellis/server';

/**
 * What `trellis spec validate templates/education` costs: bundling the split template against
 * the same reads + JSON.parse done by hand (the baseline), validateSpec on the bundle, and the
 * wall time of the whole command as a child process (node + tsx start-up included).
 */
const folder = join(import.meta.dirname, '..', '..', '..', 'templates', 'education');
const manifest = JSON.parse(readFileSync(join(folder, 'template.json'), 'utf8')) as {
  spec: string[];
};

const baseline = measure(
  'read + JSON.parse of the parts (baseline)',
  () => manifest.spec.map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as unknown),
  300,
  30,
);
const bundle = measure('bundleTemplate(education)', () => bundleTemplate(folder), 300, 30);
const bundled = bundleTemplate(folder);
if (!bundled.ok) throw new Error('the education template does not bundle');
const validate = measure(
  'validateSpec(education bundle)',
  () => validateSpec(bundled.spec, { locale: 'en' }),
  100,
  10,
);

const bin = join(import.meta.dirname, '..', 'bin', 'trellis.mjs');
const wall: number[] = [];
const started = performance.now();
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [bin, 'spec', 'validate', folder, '--json'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stdout + run.stderr);
  wall.push(performance.now() - t0);
}
const command = summarise(
  'trellis spec validate templates/education (process)',
  wall,
  performance.now() - started,
);

console.log(
  JSON.stringify(
    {
      results: [baseline, bundle, validate, command],
      ratioBundleToBaseline: ratio(bundle, baseline),
    },
    null,
    2,
  ),
);
