import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest global setup: builds the `trellis` command once (skipped when dist/ is current), so the
 * tests spawn plain JavaScript like an operator runs — a tsx spawn costs 5–15 s under load.
 */
export default function buildCli(): void {
  const script = join(import.meta.dirname, '..', 'scripts', 'build.mjs');
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the CLI failed:\n${run.stdout}${run.stderr}`);
}
