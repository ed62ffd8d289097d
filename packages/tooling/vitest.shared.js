import { defaultServerConditions } from 'vite';

/**
 * Resolve workspace packages to their TypeScript source, so tests need no build step.
 * Plain JS because vitest loads config files from node_modules without transpiling.
 * @type {import('vitest/config').ViteUserConfig}
 */
export const sourceConditions = {
  resolve: { conditions: ['@trellis/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@trellis/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
};

/**
 * Test files of a worker share one module graph instead of importing the package afresh each
 * (vitest's `isolate`): the engine's and the server's files spent more time importing their
 * sources than testing (engine on SQLite 124 → 37 s, server with PostgreSQL 248 → 152 s). Only
 * for suites whose files keep no state in modules: each test makes its own store and engine.
 */
export const oneModuleGraph = { isolate: false };

/**
 * The config plus the globalSetup that provides a throwaway PostgreSQL (TRELLIS_TEST_PG_URL) to
 * the suites that run on both dialects, and the watcher that prints the server's busy sessions
 * when a test runs long (pg-watch-setup.mjs). A config that sets its own setupFiles keeps the
 * watcher by adding to `test.setupFiles`, not replacing it.
 * @param {import('vitest/config').ViteUserConfig} config
 * @returns {import('vitest/config').ViteUserConfig}
 */
export function withPostgres(config) {
  const setup = new URL('./vitest-pg-setup.mjs', import.meta.url).pathname;
  const watch = new URL('./pg-watch-setup.mjs', import.meta.url).pathname;
  const own = config.test?.setupFiles ?? [];
  return {
    ...config,
    test: {
      ...config.test,
      globalSetup: [setup],
      setupFiles: [watch, ...(Array.isArray(own) ? own : [own])],
    },
  };
}
