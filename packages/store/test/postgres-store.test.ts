import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { storeContract } from './contract/index';
import { migratedDatabase, releaseDatabase } from './pg-databases';

// The whole contract suite on PostgreSQL: an empty migrated database per test (reused: emptied
// after each test). Without a test server (PostgreSQL not installed, outside CI) it does not run;
// vitest-pg-setup says so loudly, and in CI that is an error.
storeContract(
  {
    dialect: 'postgres',
    searchWrittenBehind: false,
    async open(opts = {}) {
      const url = await migratedDatabase();
      if (!url) throw new Error('no PostgreSQL test server');
      const locale = opts.locale ?? 'en';
      const store = await openStore({ url, locale });
      await store.migrations.syncEntityTables(opts.spec ?? baseSpec);
      const others: Store[] = [];
      return {
        store,
        async second() {
          const other = await openStore({ url, locale });
          others.push(other);
          return other;
        },
        async close() {
          for (const o of others) await o.close();
          await store.close();
          await releaseDatabase(url);
        },
      };
    },
  },
  Boolean(process.env.TRELLIS_TEST_PG_URL),
);
