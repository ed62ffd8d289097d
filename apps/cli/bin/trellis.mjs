#!/usr/bin/env -S node --max-semi-space-size=4
// The installed `trellis` command. Runs the built JavaScript (apps/cli/dist, `pnpm --filter
// @trellis/cli build`) when it is a build of the current sources; otherwise runs src/main.ts
// through tsx with workspace packages resolved to their TypeScript source (the @trellis/source
// export condition), so a fresh checkout and a half-edited one still run what is on disk.
// Either way in this same process, so signals and exit codes reach the command directly.
// --max-semi-space-size=4: this thread's young generation (semi-spaces of 4 MiB instead of up to
// 16), V8's heap sizes are fixed when node starts. Under the intake bench's load (10,000
// posts, 16 at a time) the HTTP thread's heap went to 94 MiB of mostly young garbage and
// `trellis start` peaked over 300 MiB (docs/deploy.md, Memory). The root `serve` script passes it too.
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
