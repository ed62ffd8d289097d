export declare const PG_BIN: string;
/** The environment variable that carries a test server's URL to test files and child processes. */
export declare const PG_URL_ENV: 'TRELLIS_TEST_PG_URL';
/** True when the PostgreSQL server binaries are installed (CI installs them; `.ci/run`). */
export declare function hasPostgres(): boolean;
export type PgTestServer = {
  url: string;
  port: number;
  dataDir: string;
  /** Creates an empty database (a fresh random name unless given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and removes every file it wrote. */
  stop(): void;
};
/** Starts a throwaway PostgreSQL server (temp dir, loopback, free port, fsync off). */
export declare function startPgServer(options?: { maxConnections?: number }): Promise<PgTestServer>;
/** The URL of another database on the same server. */
export declare function databaseUrl(serverUrl: string, database: string): string;
/**
 * Creates a fresh database on the server named by TRELLIS_TEST_PG_URL and returns its URL, or
 * null when no test server runs (PostgreSQL missing outside CI). With `template` (a database
 * URL), the new database is a copy of that one.
 */
export declare function createTestDatabase(
  prefix?: string,
  options?: { template?: string },
): Promise<string | null>;
/** Drops a database made by createTestDatabase (ending its leftover connections first). */
export declare function dropTestDatabase(url: string | null): Promise<void>;
