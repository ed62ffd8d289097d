import type { RecordRepo } from '../api/records';
import type { OpenStoreOptions, Repos, Store, Tx } from '../api/store';
import { routeWrites } from '../api/writes';
import { issue } from '../messages';
import type { AppShape } from '../spec-shape';
import type { SqlExec } from '../sql/exec';
import { buildRepos } from '../sql/repos';
import { pgBulkSwitch } from './bulk-switch';
import { bootDatabase } from './boot';
import { commitChannel } from './commit-channel';
import { pgExec, type Queryable } from './exec';
import { pgMaintenance } from './maintenance';
import { countStatements, createPool, type PgClient } from './pool';
import { pgOpenLoads } from './records/open-loads';
import { pgRecordRepo } from './records/repo';
import { pgNotificationStream } from './notification-order';
import { rowLockingRepos } from './row-locks';
import { pgMigrationRepo, pgSpecRepo, type Atomic, type Nested } from './specs-repo';
import { pgTableData } from './table-data';
import { inTransaction, savepoints } from './transactions';

/** Errors after which the whole unit of work may simply run again later (busy, not faulty). */
const TRANSIENT = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '53300', // too_many_connections
  '57P01', // admin_shutdown (a failover)
  '57P03', // cannot_connect_now (starting up)
]);

/** Whether a PostgreSQL error is worth retrying: the codes above and lost connections (08…). */
function pgTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    TRANSIENT.has(code) || code.startsWith('08') || code === 'ECONNRESET' || code === 'ECONNREFUSED'
  );
}

/** Connections per store for transactions: they run side by side up to this many, then queue. */
const POOL_SIZE = 10;
/** Connections per writing store for reads outside a transaction (see `reads` below). */
const READ_POOL_SIZE = 4;

/** A transaction's repositories with its executor and its savepoint runner. */
type TxParts = { tx: Tx; x: SqlExec; nested: Nested };

type Scope = {
  x: SqlExec;
  on: () => Queryable;
  /** Runs `fn` atomically: a savepoint of the open transaction, or a transaction of its own. */
  unit: <T>(fn: (p: TxParts) => Promise<T>) => Promise<T>;
  /** Entity tables found by open-load counts (the store's, shared by its scopes). */
  tablesFound: Set<string>;
};

/** Every repository of one scope: the pool (outside a transaction) or one transaction's client. */
function scopeRepos(s: Scope, locale: Store['locale']): Repos {
  const records = new WeakMap<AppShape, RecordRepo>();
  const atomic: Atomic = (fn) => s.unit((p) => fn(p.x, p.nested));
  return buildRepos({
    dialect: 'postgres',
    locale,
    exec: s.x,
    atomic: (fn) => s.unit((p) => fn(p.x, p.tx)),
    records(spec) {
      let repo = records.get(spec);
      if (!repo) records.set(spec, (repo = pgRecordRepo(s.x, spec, locale)));
      return repo;
    },
    bulk: pgBulkSwitch(s.x),
    openLoads: (entity, closed, userIds) =>
      pgOpenLoads(s.x, entity, closed, userIds, s.tablesFound),
    specs: pgSpecRepo(s.x, atomic),
    migrations: pgMigrationRepo(s.x, atomic),
    tables: pgTableData(s.on),
    notificationStream: pgNotificationStream(s.x),
    overrides: rowLockingRepos(s.x),
  });
}

/**
 * Opens a PostgreSQL store: a connection pool, the system migrations applied (under an advisory
 * lock, so several processes may start at once). Transactions are real PostgreSQL transactions
 * on a connection of their own and run side by side (`serialWrites: false`): claims take row
 * locks (`FOR UPDATE SKIP LOCKED`), nested units are savepoints.
 */
export async function openPostgresStore(o: OpenStoreOptions): Promise<Store> {
  // Transactions pipeline: BEGIN and savepoints ride along with the statement behind them.
  const lockTimeoutMs = o.lockTimeoutMs;
  const pool = createPool(o.url, POOL_SIZE, { pipeline: true, lockTimeoutMs });
  // Reads outside a transaction take connections of their own. A transaction may read through
  // the store (the engine checks the live spec version that way): if it waited for a
  // connection of the transactions' pool while the transactions holding them all wait for its
  // row locks (intake inserts behind a drain's report-group row), nobody would ever move on —
  // a deadlock PostgreSQL cannot see. Plain reads never wait for locks, so this pool always frees.
  // A reader-only store (the HTTP thread's) has nothing else: all its connections read.
  const reads = createPool(o.url, o.readOnly ? POOL_SIZE : READ_POOL_SIZE, { lockTimeoutMs });
  const sent = [countStatements(pool), countStatements(reads)];
  const statements = () => sent.reduce((n, f) => n + f(), 0);
  const locale = o.locale ?? 'zh-CN';
  const listeners = new Set<() => void>();
  const afterCommit = () => {
    for (const l of listeners) l();
  };
  // The pool's own backends: their commits tell the listeners directly (afterCommit), so their
  // NOTIFY is not a second, late wake-up.
  const ownBackends = new Set<number>();
  const backendPid = (c: unknown) => (c as { processID?: number }).processID;
  for (const p of [pool, reads]) {
    p.on('connect', (c) => {
      const pid = backendPid(c);
      if (pid) ownBackends.add(pid);
    });
    p.on('remove', (c) => {
      const pid = backendPid(c);
      if (pid) ownBackends.delete(pid);
    });
  }
  // Commits of other processes that appended events (LISTEN/NOTIFY), once someone listens.
  const channel = commitChannel(o.url, afterCommit, (pid) => ownBackends.has(pid));
  try {
    if (!o.readOnly) await bootDatabase(pool);
    else await pool.query('SELECT 1');
  } catch (error) {
    await Promise.all([pool.end(), reads.end()]);
    throw error;
  }

  const tablesFound = new Set<string>();
  /** The repositories of one transaction, bound to its client. */
  const txScope = (raw: PgClient): TxParts => {
    // Every statement through `client`: it sends the savepoints of units waiting first.
    const { nested, client } = savepoints(raw);
    const x = pgExec(() => client);
    const parts = { x, nested: nested as Nested } as TxParts;
    parts.tx = Object.assign(
      scopeRepos(
        { x, on: () => client, unit: (fn) => nested(() => fn(parts)), tablesFound },
        locale,
      ),
      {
        inTransaction: true as const,
        transaction: <T>(fn: (t: Tx) => Promise<T>) => nested(() => fn(parts.tx)),
      },
    );
    return parts;
  };
  let closed = false;
  const run = <T>(fn: (p: TxParts) => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error('the store is closed'));
    if (o.readOnly) return Promise.reject(new Error(issue('read_only', '', {}, locale).message));
    return inTransaction(pool, (client) => fn(txScope(client)), { afterCommit });
  };
  const x = pgExec(() => reads);
  const call = (target: object, method: string, args: unknown[]) =>
    (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
  const storeRepos = routeWrites(
    scopeRepos({ x, on: () => reads, unit: run, tablesFound }, locale),
    (repo, method, args) => run((p) => call(p.tx[repo], method, args)),
    (spec, method, args) => run((p) => call(p.tx.records(spec), method, args)),
  );
  return Object.assign(storeRepos, {
    dialect: 'postgres' as const,
    url: o.url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@'),
    locale,
    transient: pgTransient,
    serialWrites: false,
    inTransaction: false as const,
    transaction: <T>(fn: (t: Tx) => Promise<T>) => run((p) => fn(p.tx)),
    waiting: () => pool.waitingCount,
    onCommit: (listener: () => void) => {
      if (listeners.size === 0 && !closed) channel.start();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    maintenance: pgMaintenance(() => pool, o.url, statements),
    async close() {
      if (closed) return;
      closed = true;
      await channel.stop();
      await Promise.all([pool.end(), reads.end()]);
    },
  });
}
