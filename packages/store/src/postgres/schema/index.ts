// The system tables on PostgreSQL (drizzle pg-core), mirroring src/schema/. Migrations are
// generated from these into packages/store/drizzle-pg/ (`pnpm --filter @trellis/store
// db:generate:pg`).
export * from './auth';
export * from './spec';
export * from './records';
export * from './jobs';
export * from './intake';
export * from './views';
export * from './imports';
export * from './exports';
export * from './reports';
