// Shared flat config. Each workspace package re-exports it from its own eslint.config.js,
// so `eslint .` inside a package picks it up. The layering rules of DESIGN.md §2 live here:
// a violating import fails `pnpm lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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

function layerOf(cwd) {
  const name = cwd.split(/[\\/]/).pop();
  return Object.hasOwn(LAYERS, name) ? name : undefined;
}

function restrictionsFor(layer) {
  const allowed = new Set(LAYERS[layer]);
  const patterns = [
    {
      group: ALL_PACKAGES.filter((p) => p !== layer && !allowed.has(p)).map((p) => `@trellis/${p}`),
      message: `DESIGN.md §2: the ${layer} layer may only import ${[...allowed].map((p) => '@trellis/' + p).join(', ') || 'no workspace package'}.`,
    },
    {
      group: ['@trellis/*/*', '!@trellis/tooling/*', '!@trellis/template-*/*'],
      message: 'Import workspace packages through their public entry, never deep paths.',
    },
  ];
  if (!layer.match(/server|cli|web/)) {
    patterns.push({
      group: APPS,
      message: 'Packages never import from apps (move the type down instead).',
    });
  }
  if (!REACT_ALLOWED.has(layer)) {
    patterns.push({ group: REACT, message: 'React lives only in packages/forms and apps/web.' });
  }
  if (!NODE_ALLOWED.has(layer)) {
    patterns.push({
      group: NODE_ONLY,
      message: `Node-only modules are not allowed in the ${layer} layer (it runs in browsers too).`,
    });
  }
  return patterns;
}

const layer = layerOf(process.cwd());
// Tests, benchmarks and build scripts run in Node only: they may use Node modules and test helpers.
const nodeSideFiles = [
  '**/*.test.ts',
  'bench/**',
  'scripts/**',
  'test/**',
  'e2e/**',
  '*.config.ts',
  '*.config.js',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/*.schema.json', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use string unions with `as const`, not enum (STYLE.md).',
        },
      ],
    },
  },
  ...(layer
    ? [
        {
          files: ['**/*.ts', '**/*.tsx', '**/*.js'],
          rules: { 'no-restricted-imports': ['error', { patterns: restrictionsFor(layer) }] },
        },
        {
          files: nodeSideFiles,
          rules: {
            'no-restricted-imports': [
              'error',
              {
                patterns: restrictionsFor(layer).filter(
                  (p) => p.group !== NODE_ONLY && !p.group.includes('node:*'),
                ),
              },
            ],
          },
        },
      ]
    : []),
);
