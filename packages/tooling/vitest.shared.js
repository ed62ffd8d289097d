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
