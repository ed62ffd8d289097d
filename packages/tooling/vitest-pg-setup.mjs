// Vitest globalSetup for suites that run against PostgreSQL: starts one throwaway server for
// the run (unless `pnpm test` already started one and passed TRELLIS_TEST_PG_URL down) and
// stops it at the end. Test files then create their own databases (createTestDatabase).
// Without PostgreSQL installed the PostgreSQL suites are skipped, loudly, except in CI, where
// that is an error: CI must run them on both dialects.
import { PG_BIN, PG_URL_ENV, hasPostgres, startPgServer } from './pg-test-server.mjs';

export default async function setup() {
  if (process.env[PG_URL_ENV]) return undefined;
  if (!hasPostgres()) {
    const message = `PostgreSQL 15 is not installed (no ${PG_BIN}/initdb): the PostgreSQL suites do not run. Install Debian's postgresql package (.ci/run does).`;
    if (process.env.CI) throw new Error(message);
    console.warn(`\n\x1b[1;33m!!! ${message}\x1b[0m\n`);
    return undefined;
  }
  const server = await startPgServer();
  process.env[PG_URL_ENV] = server.url;
  return () => {
    server.stop();
    delete process.env[PG_URL_ENV];
  };
}
