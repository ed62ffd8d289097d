import { defineConfig } from 'vitest/config';
import { oneModuleGraph, sourceConditions, withPostgres } from '@trellis/tooling/vitest';

// One module graph for the files (oneModuleGraph): the store's module state is caches keyed by
// database, file or table (WeakMaps, the scratch directory of the process, the pool of emptied
// PostgreSQL test databases), which a later file may share; each test opens its own store.
export default defineConfig(
  withPostgres({ ...sourceConditions, test: { ...sourceConditions.test, ...oneModuleGraph } }),
);
