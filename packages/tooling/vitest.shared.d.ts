import type { ViteUserConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript source, so tests need no build step. */
export declare const sourceConditions: ViteUserConfig;
/** Test files of a worker share one module graph (vitest's `isolate: false`). */
export declare const oneModuleGraph: { isolate: boolean };
/**
 * The config plus the globalSetup that provides a throwaway PostgreSQL (TRELLIS_TEST_PG_URL) to
 * the suites that run on both dialects, and the setup file that prints the server's busy
 * sessions when a test runs long (pg-watch-setup.mjs; added to `test.setupFiles`).
 */
export declare function withPostgres(config: ViteUserConfig): ViteUserConfig;
