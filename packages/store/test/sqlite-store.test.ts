import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/index';
import { baseSpec } from './fixtures';
import { storeContract } from './contract/index';

// The whole contract suite on SQLite: a fresh scratch database per test; a named file when the
// test needs a second store on the same database.
storeContract({
  dialect: 'sqlite',
  searchWrittenBehind: true,
  async open(opts = {}) {
    const dir = opts.shared ? mkdtempSync(join(tmpdir(), 'trellis-store-')) : null;
    const url = dir ? join(dir, 'trellis.db') : ':memory:';
    const locale = opts.locale ?? 'en';
    const store = await openStore({ url, locale });
    await store.migrations.syncEntityTables(opts.spec ?? baseSpec);
    const others: { close(): Promise<void> }[] = [];
    return {
      store,
      async second() {
        if (!dir) throw new Error('open the store with shared: true');
        const other = await openStore({ url, locale });
        others.push(other);
        return other;
      },
      async close() {
        for (const o of others) await o.close();
        await store.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
