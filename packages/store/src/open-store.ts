import type { OpenStoreOptions, Store } from './api/store';

/** The dialect a store URL names: `postgres://` or `postgresql://`, anything else is a SQLite file. */
export function dialectOf(url: string): Store['dialect'] {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/**
 * One opener per dialect (docs/storage.md, "Adding a dialect"), each loaded when a store of its
 * dialect opens: importing the PostgreSQL adapter loads the `pg` driver, ~130 ms of CPU in every
 * thread of a SQLite start that never uses it (and better-sqlite3's native module the other way).
 */
const openers: Partial<Record<Store['dialect'], (o: OpenStoreOptions) => Promise<Store>>> = {
  sqlite: async (o) => (await import('./sqlite/open-store')).openSqliteStore(o),
  postgres: async (o) => (await import('./postgres/open-store')).openPostgresStore(o),
};

/**
 * Opens the store `options.url` names (DESIGN.md §4).
 * @example const store = await openStore({ url: 'data/trellis.db' }); await store.transaction(async (tx) => ...);
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dialect = dialectOf(options.url);
  const open = openers[dialect];
  if (!open)
    throw new Error(
      `no store adapter for ${dialect} (url ${options.url.replace(/\/\/[^@]*@/, '//***@')})`,
    );
  return open(options);
}
