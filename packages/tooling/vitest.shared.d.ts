import type { ViteUserConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript source, so tests need no build step. */
export declare const sourceConditions: ViteUserConfig;
