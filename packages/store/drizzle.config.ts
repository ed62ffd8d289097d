import { defineConfig } from 'drizzle-kit';

// System tables only; per-entity tables are generated from the app spec at publish time.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
