import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { openStore, type Store } from '../src/index';

// The store's default lock timeout (OpenStoreOptions.lockTimeoutMs): a write waiting for a row
// another transaction holds gives up after it (55P03), while the migrations — at open, a publish,
// a sync — wait for their advisory locks however long another process holds them.

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const SPEC = {
  specVersion: 1,
  name: L('测试', 'Test'),
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [
    {
      key: 'lead',
      label: L('线索', 'Lead'),
      titleField: 'name',
      fields: [{ key: 'name', type: 'text', label: L('姓名', 'Name'), required: true }],
    },
  ],
};
// The advisory lock keys of postgres/boot.ts, specs-repo.ts and migration/apply.ts.
const SCHEMA_LOCK = 7_311_001;
const DDL_LOCK = 7_311_002;
const PUBLISH_LOCK = 7_311_003;
/** The default under test: far below how long the locks below are held. */
const DEFAULT_MS = 200;

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A connection of another process. */
async function other(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: 'other' });
  await c.connect();
  cleanup.push(() => c.end());
  return c;
}

/** Resolves once a connection of the store (application_name trellis) waits for a lock. */
async function storeWaits(watch: pg.Client): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await watch.query(
      "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'trellis' AND wait_event_type = 'Lock'",
    );
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the store never waited for a lock');
}

/**
 * Runs `op` while `holder` holds advisory lock `key`: once the store waits for it, the lock is
 * kept three times the default longer, then freed. Resolves to what `op` resolved to.
 */
async function behindLock<T>(
  holder: pg.Client,
  watch: pg.Client,
  key: number,
  op: () => Promise<T>,
): Promise<T> {
  await holder.query('SELECT pg_advisory_lock($1)', [key]);
  const running = op();
  running.catch(() => undefined);
  try {
    await storeWaits(watch);
    await new Promise((r) => setTimeout(r, DEFAULT_MS * 3));
  } finally {
    await holder.query('SELECT pg_advisory_unlock($1)', [key]);
  }
  return running;
}

const code = (e: unknown) => (e as { code?: string } | null)?.code ?? null;

describe.runIf(process.env.TRELLIS_TEST_PG_URL)('postgres: the store lock timeout', () => {
  it('waits in its migrations past the default, and gives up a write on a held row after it', async () => {
    const url = (await createTestDatabase('locks'))!;
    cleanup.push(() => dropTestDatabase(url));
    await (await openStore({ url })).close();
    const [holder, watch] = [await other(url), await other(url)];

    // The start's system migrations wait for another process's.
    const store: Store = await behindLock(holder, watch, SCHEMA_LOCK, () =>
      openStore({ url, locale: 'en', lockTimeoutMs: DEFAULT_MS }),
    );
    cleanup.push(() => store.close());
    // A publish waits for another publish, its migration for another's table changes.
    const published = await behindLock(holder, watch, PUBLISH_LOCK, () =>
      store.specs.publish({ spec: SPEC, now: Date.now() }),
    );
    expect(published).toMatchObject({ ok: true });
    if (!published.ok) return;
    await behindLock(holder, watch, DDL_LOCK, () =>
      store.migrations.syncEntityTables(published.spec),
    );

    // A write on a row another transaction holds: refused once the default has passed.
    const made = await store.records(published.spec).insert('lead', { name: '王伟' });
    if (!made.ok) throw new Error(JSON.stringify(made));
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM e_lead WHERE id = $1 FOR UPDATE', [made.value.id]);
    const refused = await store
      .records(published.spec)
      .update('lead', made.value.id, { name: '李娜' }, made.value.version)
      .then(
        () => null,
        (e: unknown) => e,
      );
    await holder.query('ROLLBACK');
    // 55P03: lock_not_available (canceling statement due to lock timeout).
    expect(code(refused)).toBe('55P03');
    const again = await store
      .records(published.spec)
      .update('lead', made.value.id, { name: '李娜' }, made.value.version);
    expect(again.ok).toBe(true);
  }, 60_000);
});
