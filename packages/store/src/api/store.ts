import type { StoreLocale } from '../messages';
import type { SettledRead } from './maintenance';
import type { AppShape } from '../spec-shape';
import type { ActivityRepo } from './activities';
import type { AssignmentRepo } from './assignment';
import type { DeliveryRepo } from './deliveries';
import type { EmailRepo } from './emails';
import type { ExportLogRepo } from './export-log';
import type { FileRepo } from './files';
import type { HandoverRepo } from './handovers';
import type { HistoryRepo, TransitionRepo } from './history';
import type { IdempotencyRepo } from './idempotency';
import type { ImportJobRepo } from './import-jobs';
import type { IntakeLogRepo } from './intake-log';
import type { Maintenance } from './maintenance';
import type { MigrationRepo } from './migrations';
import type { NotificationRepo } from './notifications';
import type { OutboxRepo } from './outbox';
import type { OwnershipRepo } from './ownership';
import type { RecordRepo } from './records';
import type { ReportRepo } from './reports';
import type { EffectRepo, RunRepo } from './runs';
import type { SavedViewRepo } from './saved-views';
import type { SchedulerRepo } from './scheduler';
import type { SessionRepo } from './sessions';
import type { SpecRepo } from './specs';
import type { TableData } from './table-data';
import type { TaskRepo } from './tasks';
import type { TemplateRepo } from './templates';
import type { TeamRepo } from './teams';
import type { TokenRepo } from './tokens';
import type { TouchRepo } from './touches';
import type { UserRepo } from './users';
import type { WebhookSecretRepo } from './webhook-secrets';

/** Every repository: the same shape outside a transaction (`Store`) and inside one (`Tx`). */
export type Repos = {
  /** Records of the entities of `spec` (cached per spec object). */
  records(spec: AppShape): RecordRepo;
  /** Aggregate reads for reports over the entities of `spec` (read-only; cached per spec object). */
  reports(spec: AppShape): ReportRepo;
  history: HistoryRepo;
  transitions: TransitionRepo;
  touches: TouchRepo;
  activities: ActivityRepo;
  tasks: TaskRepo;
  notifications: NotificationRepo;
  handovers: HandoverRepo;
  ownership: OwnershipRepo;
  outbox: OutboxRepo;
  runs: RunRepo;
  effects: EffectRepo;
  assignment: AssignmentRepo;
  scheduler: SchedulerRepo;
  deliveries: DeliveryRepo;
  emails: EmailRepo;
  users: UserRepo;
  teams: TeamRepo;
  sessions: SessionRepo;
  tokens: TokenRepo;
  intakeLog: IntakeLogRepo;
  idempotency: IdempotencyRepo;
  webhookSecrets: WebhookSecretRepo;
  files: FileRepo;
  templates: TemplateRepo;
  savedViews: SavedViewRepo;
  specs: SpecRepo;
  importJobs: ImportJobRepo;
  exportLog: ExportLogRepo;
  migrations: MigrationRepo;
  tables: TableData;
};

/**
 * The repositories inside a transaction. `transaction(fn)` nests: `fn` is a unit of its own
 * whose writes are not committed when it throws (the outer transaction goes on and commits the
 * rest). On SQLite a group commit first runs without savepoints: a body that caught a nested
 * failure may see that unit's writes until the group is run again with savepoints, which
 * happens before anything commits. Decide nothing durable from what you read after catching one.
 */
export type Tx = Repos & {
  readonly inTransaction: true;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
};

/**
 * One database behind one interface (DESIGN.md §4). Outside a transaction, reads see committed
 * data only. Every write runs in `transaction(fn)`, or is one atomic repository call.
 */
export type Store = Repos & {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data is: the SQLite file (the temporary one of `:memory:`), or the PostgreSQL URL without its password. */
  readonly url: string;
  readonly locale: StoreLocale;
  /**
   * True when transactions never run at the same time (SQLite: one writer connection). A
   * transaction then sees no other writer's changes while it runs, so it may cache what it read.
   */
  readonly serialWrites: boolean;
  readonly inTransaction: false;
  /**
   * Runs `fn` in a transaction: everything it does through `tx` commits together when it
   * resolves, or not at all when it throws (the promise then rejects with that error).
   *
   * - `fn` must only wait for the store: nothing that leaves the process (HTTP, mail) belongs in
   *   a transaction. On SQLite the transaction holds the only write connection.
   * - `fn` may run more than once: SQLite commits transactions queued at the same time together
   *   (group commit) and runs the group again, each in a savepoint, when one of them fails;
   *   PostgreSQL may retry a transaction that lost a serialization conflict. Keep side effects in `tx`.
   * - The promise settles after the commit: a resolved write is durable.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Transactions waiting for the writer: queued, or later in the group that is running (a long
   * writer, such as the automation drain, cuts short meanwhile).
   */
  waiting(): number;
  /**
   * Whether an error thrown by the database is worth retrying the whole unit of work later (the
   * database was busy, locked, out of space for a moment), rather than a fault of the work.
   */
  transient(error: unknown): boolean;
  /**
   * Calls `listener` after every commit of this store (event streams wake on it), and on
   * PostgreSQL also after commits of other processes that appended outbox events (LISTEN/NOTIFY
   * on a connection opened with the first listener). Returns the unsubscribe.
   */
  onCommit(listener: () => void): () => void;
  maintenance: Maintenance;
  close(): Promise<void>;
};

/** How to open a store. */
export type OpenStoreOptions = {
  /**
   * Where the data is: a SQLite file path (`data/trellis.db`), `:memory:` (a private temporary
   * file, removed on close), or a `postgres://` URL.
   */
  url: string;
  /** Language of the store's messages. Default zh-CN. */
  locale?: StoreLocale;
  /** A reader only: every write is refused (the process forwards writes to a writer). */
  readOnly?: boolean;
  /**
   * SQLite, a reader only: how its report reads have the records written since settled
   * (sqlite/report-settle.ts) — the writer's `maintenance.settleReports`, which settles them in
   * a transaction and runs the read given after. Without it such a read fails.
   */
  settleReports?: (read: SettledRead | null) => Promise<unknown>;
  /**
   * PostgreSQL: how long a statement of this store waits for a lock another transaction holds
   * before it fails (`lock_timeout`; error 55P03, which the server answers 503 database_busy)
   * when the database sets no lock timeout itself — one in the URL's options, on the role, on
   * the database or in the server's configuration wins. Unset or 0: none (a write waits as long
   * as the lock is held). The store's migrations (at open, sync, publish) wait for their locks
   * whatever it says. SQLite: ignored.
   */
  lockTimeoutMs?: number;
  /**
   * SQLite: whether this store checkpoints its write-ahead log inside its own commits ('self',
   * default) or leaves it to `maintenance.checkpoint()` called elsewhere (a safety net still
   * checkpoints past 64,000 frames).
   */
  checkpoints?: 'self' | 'elsewhere';
  /** SQLite: where the system migrations are; default the package's `drizzle/` folder. */
  migrationsFolder?: string;
};
