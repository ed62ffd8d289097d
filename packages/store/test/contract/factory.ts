import { afterEach, beforeEach } from 'vitest';
import type { AppShape, Store, StoreLocale } from '../../src/index';
import { baseSpec } from '../fixtures';

/** An open store for one test, a second store on the same database, and the cleanup. */
type StoreHandle = {
  store: Store;
  /**
   * Another store (its own connections) on the same database: what a second process sees.
   * Only for handles opened with `shared: true`.
   */
  second(): Promise<Store>;
  close(): Promise<void>;
};

type OpenOptions = { spec?: AppShape; locale?: StoreLocale; shared?: boolean };

/**
 * How a contract suite gets a fresh database: system tables in place, the entity tables of
 * `spec` (default test/fixtures.ts `baseSpec`) created. One factory per adapter.
 */
export type StoreFactory = {
  dialect: string;
  /**
   * Records reach the search index later (`indexSearch`, SQLite's FTS5) rather than with their
   * write (PostgreSQL's GIN indexes); searches find them at once either way.
   */
  searchWrittenBehind: boolean;
  open(opts?: OpenOptions): Promise<StoreHandle>;
};

/** Opens a store before each test and closes everything after; read `ctx.store` in tests. */
export function useStore(
  factory: StoreFactory,
  opts: { spec?: AppShape; locale?: StoreLocale } = {},
) {
  const ctx = {} as { store: Store; handle: StoreHandle; spec: AppShape };
  beforeEach(async () => {
    ctx.handle = await factory.open({ locale: 'en', ...opts });
    ctx.store = ctx.handle.store;
    ctx.spec = opts.spec ?? baseSpec;
  });
  afterEach(async () => {
    await ctx.handle.close();
  });
  return ctx;
}
