import { openStore, type Store } from '@trellis/store';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';

/**
 * The store a server test runs on: a private in-memory SQLite database, or with
 * TRELLIS_TEST_STORE=pg a fresh PostgreSQL database on the test server (`pnpm test:pg`), dropped
 * when the store closes. Refuses to fall back silently: pg without a server is an error.
 */
export async function testStore(): Promise<Store> {
  if (process.env.TRELLIS_TEST_STORE !== 'pg') return openStore({ url: ':memory:' });
  const url = await createTestDatabase('srv');
  if (!url)
    throw new Error('TRELLIS_TEST_STORE=pg needs the PostgreSQL test server (PostgreSQL 15)');
  const store = await openStore({ url });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      await dropTestDatabase(url);
    },
  });
}
