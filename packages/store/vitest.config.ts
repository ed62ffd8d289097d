import { defineConfig } from 'vitest/config';
import { sourceConditions, withPostgres } from '@trellis/tooling/vitest';

export default defineConfig(withPostgres(sourceConditions));
