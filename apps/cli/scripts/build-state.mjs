// Whether apps/cli/dist holds a build of the current sources. The build records every workspace
// file it bundled (from esbuild's metafile) and the time it started; a file changed since, a
// file gone, or another lockfile means the build is stale. Shared by the build script (build
// only when needed) and bin/trellis.mjs (run the build only when it is current).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const STATE_FILE = 'build-state.json';

/**
 * The workspace files of an esbuild metafile's inputs, relative to the repository. esbuild names
 * inputs relative to the directory the build ran in — the root's `pnpm start` and the test
 * runner build from the repository root, the packages' scripts from their own folder — so a path
 * taken as relative to apps/cli named files that do not exist and no build was ever current.
 * @param {string[]} metaInputs keys of the metafile's `inputs`
 * @param {{ workingDir: string, repo: string }} where the build ran, and the repository root
 * @returns {string[]}
 */
export function workspaceInputs(metaInputs, { workingDir, repo }) {
  return (
    metaInputs
      // Modules a plugin made up are named `<namespace>:<path>`, with no file behind them.
      .filter((path) => !/^[\w-]+:/.test(path))
      .map((path) => relative(repo, resolve(workingDir, path)))
      .filter((path) => !path.includes('node_modules'))
  );
}

/**
 * @param {string} dist the build folder
 * @param {string} repo the repository root the recorded paths are relative to
 * @returns {boolean}
 */
export function buildIsCurrent(dist, repo) {
  const file = join(dist, STATE_FILE);
  if (!existsSync(file)) return false;
  /** @type {{ startedAt: number, inputs: string[] }} */
  let state;
  try {
    state = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  for (const input of state.inputs) {
    let mtime;
    try {
      mtime = statSync(join(repo, input)).mtimeMs;
    } catch {
      return false;
    }
    if (mtime > state.startedAt) return false;
  }
  return true;
}
