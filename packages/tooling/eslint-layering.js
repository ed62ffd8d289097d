// The layering of DESIGN.md §2 as one ESLint rule, `trellis/layering`. The layer of a file comes
// from the package it sits in (its nearest package.json), not from where eslint was started, so
// `eslint` from the repository root checks every package as `pnpm lint` does inside each. It
// checks every way a module is named: import, export … from, import() with a fixed string and
// require(); and a relative path that leaves the package (into another package's files).
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const NODE_ONLY = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
  'better-sqlite3',
  'drizzle-orm/better-sqlite3',
  'pg',
  'drizzle-orm/node-postgres',
  'nodemailer',
];
const REACT = ['react', 'react-dom', 'react-dom/*', 'react/*'];
/** Database drivers: only packages/store opens a database (DESIGN.md §4, issue 13). */
const DRIVERS = [
  'better-sqlite3',
  'pg',
  'pg-*',
  'drizzle-orm/better-sqlite3',
  'drizzle-orm/node-postgres',
];
/**
 * Layers whose Node-side files (tests, e2e) may still open a database directly: they cannot
 * import the store (logic's SQL compiler is tested on both real databases; web's e2e harness
 * empties a workspace's users, which no command does).
 */
const DRIVER_TESTS_ALLOWED = new Set(['logic', 'web']);
const APPS = ['@trellis/server', '@trellis/cli', '@trellis/web'];
const ALL_PACKAGES = ['logic', 'spec', 'rules', 'store', 'engine', 'forms', 'server', 'cli', 'web'];

/** Which workspace packages each layer may import (DESIGN.md §2: only those to its left). */
const LAYERS = {
  logic: [],
  spec: ['logic'],
  rules: ['logic', 'spec'],
  store: ['logic', 'spec', 'rules'],
  engine: ['logic', 'spec', 'rules', 'store'],
  forms: ['logic', 'spec', 'rules'],
  server: ['logic', 'spec', 'rules', 'store', 'engine'],
  cli: ['logic', 'spec', 'rules', 'store', 'engine', 'server', 'template-education'],
  web: ['logic', 'spec', 'rules', 'forms'],
};
const NODE_ALLOWED = new Set(['store', 'engine', 'server', 'cli']);
const REACT_ALLOWED = new Set(['forms', 'web']);

/**
 * The forbidden module groups of a layer, `{ group, message }` with gitignore-like names
 * (`*` one path segment, `!` an exception). Node-side files (tests, benchmarks, scripts) may
 * use Node modules.
 */
function restrictionsFor(layer, nodeSide = false) {
  const allowed = new Set(LAYERS[layer]);
  const patterns = [
    {
      group: ALL_PACKAGES.filter((p) => p !== layer && !allowed.has(p)).map((p) => `@trellis/${p}`),
      message: `DESIGN.md §2: the ${layer} layer may only import ${[...allowed].map((p) => '@trellis/' + p).join(', ') || 'no workspace package'}.`,
    },
    {
      // A package's JSON data it exports by name (@trellis/spec/region-names-en.json: loaded by
      // itself, only when a page is in English) is not a deep path into its code.
      group: [
        '@trellis/*/*',
        '!@trellis/tooling/*',
        '!@trellis/template-*/*',
        '!@trellis/*/*.json',
      ],
      message: 'Import workspace packages through their public entry, never deep paths.',
    },
  ];
  if (!layer.match(/server|cli|web/))
    patterns.push({
      group: APPS,
      message: 'Packages never import from apps (move the type down instead).',
    });
  if (!REACT_ALLOWED.has(layer))
    patterns.push({ group: REACT, message: 'React lives only in packages/forms and apps/web.' });
  if (layer !== 'store' && !(nodeSide && DRIVER_TESTS_ALLOWED.has(layer)))
    patterns.push({
      group: DRIVERS,
      message: `DESIGN.md §4: only packages/store opens a database; use the store (openStore, store.tables) instead.`,
    });
  if (!NODE_ALLOWED.has(layer) && !nodeSide)
    patterns.push({
      group: NODE_ONLY,
      message: `Node-only modules are not allowed in the ${layer} layer (it runs in browsers too).`,
    });
  return patterns;
}

const toRegExp = (glob) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);

/** Whether a module name falls in a group (a name also covers its subpaths, as in gitignore). */
function inGroup(name, group) {
  const hit = group.filter((g) => !g.startsWith('!')).some((g) => toRegExp(g).test(name));
  return (
    hit && !group.filter((g) => g.startsWith('!')).some((g) => toRegExp(g.slice(1)).test(name))
  );
}

const packageRoots = new Map();
/** The folder of the nearest package.json above a file (cached per folder). */
function packageRootOf(file) {
  const start = dirname(file);
  if (packageRoots.has(start)) return packageRoots.get(start);
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  packageRoots.set(start, dir);
  return dir;
}

const NODE_SIDE = [/\.test\.tsx?$/, /^(bench|scripts|test|e2e)\//, /^[^/]+\.config\.(ts|js|mjs)$/];

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'DESIGN.md §2 layering: which modules a package may import' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = packageRootOf(file);
    const inPackage = relative(root, file).split(sep).join('/');
    const name = root.split(sep).pop();
    const layer = Object.hasOwn(LAYERS, name) ? name : undefined;
    const restrictions = layer
      ? restrictionsFor(
          layer,
          NODE_SIDE.some((re) => re.test(inPackage)),
        )
      : [];
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = resolve(dirname(file), source);
        if (target !== root && !target.startsWith(root + sep))
          context.report({
            node,
            message: `'${source}' leaves this package: import another package through its public entry (@trellis/<name>), never by a relative path.`,
          });
        return;
      }
      const hit = restrictions.find((r) => inGroup(source, r.group));
      if (hit) context.report({ node, message: `'${source}': ${hit.message}` });
    };
    const literal = (node) =>
      node?.type === 'Literal'
        ? node.value
        : node?.type === 'TemplateLiteral' && node.expressions.length === 0
          ? node.quasis[0].value.cooked
          : undefined;
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => check(node, literal(node.source)),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node, literal(node.arguments[0]));
      },
    };
  },
};

/** The ESLint plugin holding the rule, `plugins: { trellis: layeringPlugin }`. */
export const layeringPlugin = { rules: { layering } };
