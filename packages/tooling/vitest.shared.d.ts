import type { ViteUserConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript source, so tests need no build step. */
export declare const sourceConditions: ViteUserConfig;
/**
 * The config plus the globalSetup that provides a throwaway PostgreSQL (TRELLIS_TEST_PG_URL) to
 * the suites that run on both dialects.
 */
export declare function withPostgres(config: ViteUserConfig): ViteUserConfig;
