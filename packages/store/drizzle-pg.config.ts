import { defineConfig } from 'drizzle-kit';

// System tables on PostgreSQL; entity tables are created from the app spec at publish time.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/postgres/schema/index.ts',
  out: './drizzle-pg',
});
