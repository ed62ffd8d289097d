import { bigint, customType, integer, smallint } from 'drizzle-orm/pg-core';

/**
 * Column types of the PostgreSQL system tables, chosen so the repositories' portable SQL
 * (src/sql) reads and writes them exactly as on SQLite:
 * - text compares and sorts in code point order (`COLLATE "C"`), as SQLite's BINARY does,
 *   whatever the database's default collation;
 * - JSON stays text (byte for byte what was written; `LIKE` works on it as on SQLite);
 * - booleans are 0/1 (`smallint`), the values the repositories bind and compare with;
 * - times are epoch milliseconds (`bigint`, read back as JS numbers).
 */
export const text = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

/** JSON kept as text, exactly as written. */
export const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

/** A 0/1 flag. */
export const flag = (name: string) => smallint(name);

/** Epoch milliseconds (or any count that may pass 2^31). */
export const epoch = (name: string) => bigint(name, { mode: 'number' });

/** A small count (attempts, depth, version, HTTP status). */
export const int = (name: string) => integer(name);
