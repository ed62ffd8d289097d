// Whether apps/cli/dist holds a build of the current sources. The build records every workspace
// file it bundled (from esbuild's metafile) and the time it started; a file changed since, a
// file gone, or another lockfile means the build is stale. Shared by the build script (build
// only when needed) and bin/trellis.mjs (run the build only when it is current).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STATE_FILE = 'build-state.json';

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
