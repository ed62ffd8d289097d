import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceInputs } from '../scripts/build-state.mjs';

const repo = join(import.meta.dirname, '..', '..', '..');

describe("the build's record of what it bundled", () => {
  // esbuild's metafile names each input relative to the directory the build ran in.
  const fromRoot = [
    'apps/cli/src/main.ts',
    'packages/store/src/open-store.ts',
    'trellis-region-tree:region-tree',
    'node_modules/.pnpm/hono@4.13.19/node_modules/hono/dist/index.js',
  ];
  const fromCli = [
    'src/main.ts',
    '../../packages/store/src/open-store.ts',
    'trellis-region-tree:region-tree',
    '../../node_modules/.pnpm/hono@4.13.19/node_modules/hono/dist/index.js',
  ];
  const expected = ['apps/cli/src/main.ts', 'packages/store/src/open-store.ts'];

  it('names repository files from the directory esbuild ran in', () => {
    // The build moves to apps/cli before loading tsup; the inputs resolve from any directory.
    expect(workspaceInputs(fromRoot, { workingDir: repo, repo })).toEqual(expected);
    expect(workspaceInputs(fromCli, { workingDir: join(repo, 'apps', 'cli'), repo })).toEqual(
      expected,
    );
    expect(
      workspaceInputs(
        fromCli.map((p) => p.replace(/^src\//, '../cli/src/')),
        { workingDir: join(repo, 'apps', 'web'), repo },
      ),
    ).toEqual(expected);
  });
});
