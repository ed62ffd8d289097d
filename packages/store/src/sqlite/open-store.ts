import type { OpenStoreOptions, Repos, Store, Tx } from '../api/store';
import type { RecordRepo } from '../api/records';
import { handOffCheckpoints } from '../db/checkpoints';
import { openDatabase, type StoreDb } from '../db/open-database';
import { issue } from '../messages';
import type { AppShape } from '../spec-shape';
import { buildRepos } from '../sql/repos';
import { routeWrites } from '../api/writes';
import type { SqlExec } from '../sql/exec';
import { withoutReportTriggers } from './bulk-flag';
import { sqliteExec } from './exec';
import { sqliteOutbox } from './outbox-append';
import { sqliteMaintenance } from './maintenance';
import { sqliteNotificationStream } from './notification-stream';
import { openLoadCounts } from './open-loads';
import type { RecordStore } from './record-core';
import { sqliteRecordRepo } from './records-repo';
import { removeScratchFile, scratchFile } from './scratch-files';
import { createRecordStore } from './sqlite-record-store';
import { sqliteMigrationRepo, sqliteSpecRepo, type OnWriter, type SpecEpoch } from './specs-repo';
import { sqliteTableData } from './table-data';
import { createTxQueue } from './tx-queue';
import { settledReads, settleThenRead, type SettleOnWriter } from './settled-reads';

const BUSY_TIMEOUT_MS = 5000;
/**
 * Pending events are found through `outbox_pending_ix`, named with INDEXED BY: statistics that
 * `PRAGMA optimize` took during a burst (most rows unprocessed) made the planner scan the whole
 * outbox in seq order, past every processed event (~36 events/s once 50,000 were processed).
 */
export const OUTBOX_PENDING = 'outbox INDEXED BY outbox_pending_ix';
/**
 * A user's records in handover cooldown are found through `ownership_changes_cooldown_ix`, named
 * with INDEXED BY: with sampled statistics (every row's from_user_id NULL, as seeded and
 * intake-assigned leads have) the planner walked every row of the entity through
 * `ownership_changes_record_ix` — 70–190 ms on each list request at 100,000 leads.
 */
export const OWNERSHIP_COOLDOWN = 'ownership_changes INDEXED BY ownership_changes_cooldown_ix';

/** SQLite errors worth retrying the whole unit later (the database was busy, not the work wrong). */
function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (
    typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|INTERRUPT)/.test(code)
  );
}

/** Record stores per connection and spec object (entity table descriptions are built once). */
const cores = new WeakMap<StoreDb, WeakMap<AppShape, RecordStore>>();
function coreOf(db: StoreDb, spec: AppShape, locale: Store['locale']): RecordStore {
  let bySpec = cores.get(db);
  if (!bySpec) cores.set(db, (bySpec = new WeakMap()));
  let core = bySpec.get(spec);
  if (!core) bySpec.set(spec, (core = createRecordStore(db, spec, { locale })));
  return core;
}

/** Repos of one scope over the connection `conn()` picks; records facades cached per spec. */
function scopeRepos(
  conn: () => StoreDb,
  locale: Store['locale'],
  atomic: <T>(fn: (x: SqlExec, tx: Tx) => Promise<T>) => Promise<T>,
  onWriter: OnWriter,
  reader: () => StoreDb,
  epoch: SpecEpoch,
  settle: SettleOnWriter | null,
): Repos {
  const facades = new WeakMap<AppShape, RecordRepo>();
  const exec = sqliteExec(() => conn().sqlite);
  return buildRepos({
    overrides: { outbox: sqliteOutbox(exec, () => conn().sqlite, OUTBOX_PENDING) },
    dialect: 'sqlite',
    locale,
    exec,
    reportExec: settledReads(() => conn().sqlite, settle),
    atomic,
    records(spec) {
      let repo = facades.get(spec);
      if (!repo)
        facades.set(spec, (repo = sqliteRecordRepo(() => coreOf(conn(), spec, locale), locale)));
      return repo;
    },
    bulk: (fn) => withoutReportTriggers(conn().sqlite, fn),
    openLoads: async (entity, closed, userIds) => openLoadCounts(conn(), entity, closed, userIds),
    specs: sqliteSpecRepo(reader, onWriter, epoch),
    migrations: sqliteMigrationRepo(reader, onWriter),
    tables: sqliteTableData(conn, settle),
    notificationStream: sqliteNotificationStream(exec),
    outboxFrom: OUTBOX_PENDING,
    cooldownFrom: OWNERSHIP_COOLDOWN,
  });
}

/**
 * Opens a SQLite store: one write connection (WAL, the pragmas of openDatabase, system
 * migrations applied) behind the transaction queue, and a read-only connection for reads made
 * while a transaction is open on the writer, so they never see its uncommitted changes.
 */
export async function openSqliteStore(o: OpenStoreOptions): Promise<Store> {
  const temp = o.url === ':memory:' ? scratchFile(o.migrationsFolder) : null;
  const file = temp ?? o.url;
  const locale = o.locale ?? 'zh-CN';
  const removeTemp = () => {
    if (temp) removeScratchFile(temp);
  };
  if (o.readOnly) return readOnlyStore(file, locale, removeTemp, o);
  const writer = openDatabase(file, {
    busyTimeoutMs: BUSY_TIMEOUT_MS,
    scratch: temp !== null,
    ...(o.migrationsFolder ? { migrationsFolder: o.migrationsFolder } : {}),
  });
  if (o.checkpoints === 'elsewhere') handOffCheckpoints(writer);
  let reader: StoreDb | null = null;
  const queue = createTxQueue(writer.sqlite, { busyTimeoutMs: BUSY_TIMEOUT_MS });
  /** The writer for use outside the queue, with its own busy timeout (tx-queue.ts). */
  const idleWriter = () => {
    queue.relax();
    return writer;
  };
  // Idle, the writer answers reads itself; with a transaction open, the reader does.
  const readConn = () =>
    writer.sqlite.inTransaction
      ? (reader ??= openDatabase(file, { readonly: true }))
      : idleWriter();
  const epoch: SpecEpoch = { count: 0, published: false };
  queue.onCommit(() => {
    if (!epoch.published) return;
    epoch.published = false;
    epoch.count++;
  });
  const txExec = sqliteExec(() => writer.sqlite);
  // The closures below read txScope only once the store is in use.
  const txScope: Tx = Object.assign(
    scopeRepos(
      () => writer,
      locale,
      (fn) => queue.nested(() => fn(txExec, txScope)),
      (fn) => queue.nested(async () => fn(writer)),
      () => writer,
      epoch,
      // Inside the writer's transaction a read settles on the spot.
      null,
    ),
    {
      inTransaction: true as const,
      transaction: <T>(fn: (t: Tx) => Promise<T>) => queue.nested(() => fn(txScope)),
    },
  );
  const submit = <T>(fn: (t: Tx) => Promise<T>) => queue.submit(() => fn(txScope));
  // What a read on the reader asks of the writer when it meets records waiting for their settle.
  const settleOnWriter: SettleOnWriter = (read) =>
    queue.submit(async () => settleThenRead(writer.sqlite, read));
  // Outside a transaction every write method runs as a transaction of its own, through the queue.
  const call = (target: object, method: string, args: unknown[]) =>
    (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
  const storeRepos = routeWrites(
    scopeRepos(
      readConn,
      locale,
      (fn) => submit((t) => fn(txExec, t)),
      (fn) => submit(async () => fn(writer)),
      readConn,
      epoch,
      // Idle, the writer settles on the spot; while it holds a transaction (maybe the caller's
      // own: a wait for the queue would never end) the reports read the records.
      null,
    ),
    (repo, method, args) => submit((t) => call(t[repo], method, args)),
    (spec, method, args) => submit((t) => call(t.records(spec), method, args)),
  );
  let closed = false;
  return Object.assign(storeRepos, {
    dialect: 'sqlite' as const,
    url: file,
    locale,
    serialWrites: true,
    inTransaction: false as const,
    transaction: <T>(fn: (t: Tx) => Promise<T>) =>
      closed ? Promise.reject(new Error('the store is closed')) : submit(fn),
    waiting: () => queue.waiting(),
    transient: isTransient,
    onCommit: (listener: () => void) => queue.onCommit(listener),
    maintenance: { ...sqliteMaintenance(idleWriter), settleReports: settleOnWriter },
    async close() {
      if (closed) return;
      closed = true;
      await queue.idle();
      reader?.close();
      writer.close();
      removeTemp();
    },
  });
}

/** A store over one read-only connection: every write is refused. */
function readOnlyStore(
  file: string,
  locale: Store['locale'],
  cleanup: () => void,
  o: OpenStoreOptions,
): Store {
  const conn = openDatabase(file, { readonly: true });
  const refuse = () => Promise.reject(new Error(issue('read_only', '', {}, locale).message));
  const repos = routeWrites(
    scopeRepos(
      () => conn,
      locale,
      refuse,
      refuse,
      () => conn,
      { count: 0, published: false },
      o.settleReports ?? null,
    ),
    refuse,
    refuse,
  );
  return Object.assign(repos, {
    dialect: 'sqlite' as const,
    url: file,
    locale,
    serialWrites: true,
    inTransaction: false as const,
    transaction: refuse,
    waiting: () => 0,
    transient: isTransient,
    onCommit: () => () => undefined,
    maintenance: { ...sqliteMaintenance(() => conn), settleReports: refuse },
    async close() {
      conn.close();
      cleanup();
    },
  });
}
