import type { OpenStoreOptions, Store } from './api/store';
import { openPostgresStore } from './postgres/open-store';
import { openSqliteStore } from './sqlite/open-store';

/** The dialect a store URL names: `postgres://` or `postgresql://`, anything else is a SQLite file. */
export function dialectOf(url: string): Store['dialect'] {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/** One opener per dialect (docs/storage.md, "Adding a dialect"). */
const openers: Partial<Record<Store['dialect'], (o: OpenStoreOptions) => Promise<Store>>> = {
  sqlite: openSqliteStore,
  postgres: openPostgresStore,
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
