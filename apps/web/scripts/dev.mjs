#!/usr/bin/env node
// `pnpm dev`: the API (`trellis start --init-demo`, port 3000) and Vite's dev server with hot
// reload, which proxies /api, /hooks and form submissions to it. Ctrl-C stops both.
// The data directory is `./data` of the directory `pnpm dev` was typed in (pnpm passes it as
// INIT_CWD), or TRELLIS_DATA, as for `pnpm start` and every `trellis` command. The root's `dev`
// script runs this file with node, not through a nested `pnpm --filter … run`: that one would
// set INIT_CWD to the repository root again.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(web, '..', '..');
const port = process.env.TRELLIS_API_PORT ?? '3000';
const cwd = process.env.INIT_CWD ?? repo;

const children = [
  spawn(
    process.execPath,
    [join(repo, 'apps', 'cli', 'bin', 'trellis.mjs'), 'start', '--init-demo', '--port', port],
    { cwd, stdio: 'inherit', env: { ...process.env, INIT_CWD: cwd } },
  ),
  spawn('pnpm', ['exec', 'vite'], {
    cwd: web,
    stdio: 'inherit',
    env: { ...process.env, TRELLIS_API: `http://localhost:${port}` },
  }),
];

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.once('exit', (code) => stop(code ?? 0));
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
