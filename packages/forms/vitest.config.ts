import { defineConfig } from 'vitest/config';
import { sourceConditions } from '@trellis/tooling/vitest';

export default defineConfig({
  ...sourceConditions,
  test: {
    ...sourceConditions.test,
    include: ['src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'jsdom',
  },
});
