import { defineConfig } from 'vitest/config';
import { oneModuleGraph, sourceConditions } from '@trellis/tooling/vitest';

// One module graph for the files (vitest's isolate: false): importing the sources afresh for
// every file cost more than the tests (docs/contributing.md, "Where the suite's time goes").
export default defineConfig({
  ...sourceConditions,
  test: { ...sourceConditions.test, ...oneModuleGraph },
});
