#!/usr/bin/env node
// The installed `trellis` command. Runs the built JavaScript (apps/cli/dist, `pnpm --filter
// @trellis/cli build`) when it is a build of the current sources; otherwise runs src/main.ts
// through tsx with workspace packages resolved to their TypeScript source (the @trellis/source
// export condition), so a fresh checkout and a half-edited one still run what is on disk.
// Either way in this same process, so signals and exit codes reach the command directly.
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from '../scripts/build-state.mjs';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const repo = fileURLToPath(new URL('../../..', import.meta.url));
if (buildIsCurrent(dist, repo)) {
  await import('../dist/main.js');
} else {
  const { register } = await import('node:module');
  const { register: registerTsx } = await import('tsx/esm/api');
  register('./source-condition.mjs', import.meta.url);
  registerTsx();
  await import('../src/main.ts');
}
