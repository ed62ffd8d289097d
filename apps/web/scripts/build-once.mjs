#!/usr/bin/env node
// Builds the web app unless dist/ already holds a build of the current sources, so `pnpm start`
// on a fresh clone builds once (~10 s) and later starts do not wait for it. The stamp is the
// newest modification time of everything the bundle is made of.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..', '..');
const inputs = [
  join(web, 'src'),
  join(web, 'public'),
  ...readdirSync(web)
    .filter((f) => /\.(html|json)$|^vite\.config\.ts$/.test(f))
    .map((f) => join(web, f)),
  // Workspace packages the bundle takes source from (those not yet written are skipped).
  ...['logic', 'spec', 'rules', 'forms'].map((p) => join(repo, 'packages', p, 'src')),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce(
    (max, name) => (name === 'node_modules' ? max : Math.max(max, newest(join(path, name)))),
    st.mtimeMs,
  );
}

const stampFile = join(web, 'node_modules', '.trellis-web-build-stamp');
const stamp = String(Math.max(...inputs.map(newest)));
const built =
  existsSync(join(web, 'dist', 'index.html')) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === stamp;
if (built && !process.argv.includes('--force')) process.exit(0);

console.log('Building the web app (apps/web)…');
const run = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
  cwd: web,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(stampFile, stamp);
