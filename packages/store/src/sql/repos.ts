import type { SqlDialectName } from '@trellis/logic';
import type { AssignmentRepo } from '../api/assignment';
import type { MigrationRepo } from '../api/migrations';
import type { NotificationStream } from '../api/notifications';
import type { RecordRepo } from '../api/records';
import type { ReportRepo } from '../api/reports';
import type { StoreLocale } from '../messages';
import type { SpecRepo } from '../api/specs';
import type { Repos, Tx } from '../api/store';
import type { TableData } from '../api/table-data';
import type { AppShape } from '../spec-shape';
import { activityRepo } from './activities';
import { sessionRepo, tokenRepo } from './auth';
import { deliveryRepo, emailRepo } from './deliveries';
import type { SqlExec } from './exec';
import { handoverRepo } from './handovers';
import { exportLogRepo } from './export-log';
import { historyRepo, transitionRepo } from './history';
import { importJobRepo } from './import-jobs';
import { fileRepo, idempotencyRepo, intakeLogRepo, webhookSecretRepo } from './intake';
import { notificationRepo } from './notifications';
import { outboxRepo } from './outbox';
import { ownershipRepo } from './ownership';
import type { BulkSwitch } from './reports/bulk-upkeep';
import { reportRepo } from './reports/report-repo';
import { effectRepo, runRepo } from './runs';
import { savedViewRepo } from './saved-views';
import { assignmentRepo, schedulerRepo } from './scheduler';
import { taskRepo } from './tasks';
import { templateRepo } from './templates';
import { teamRepo } from './teams';
import { touchRepo } from './touches';
import { userRepo } from './users';

/** Repositories an adapter writes itself (dialect-specific SQL), and overrides of shared ones. */
export type AdapterParts = {
  dialect: SqlDialectName;
  locale: StoreLocale;
  /** The executor of this scope (a connection outside a transaction, the transaction inside). */
  exec: SqlExec;
  /**
   * What report reads run on when it is not `exec`: SQLite's reads of the report rows kept
   * behind the writes, settled first (sqlite/settled-reads.ts).
   */
  reportExec?: SqlExec;
  /**
   * Runs `fn` atomically: a nested unit of the transaction this scope belongs to, or a new
   * transaction when the scope is not one. Multi-statement writes of the shared repositories use it.
   */
  atomic<T>(fn: (x: SqlExec, tx: Tx) => Promise<T>): Promise<T>;
  records(spec: AppShape): RecordRepo;
  /** Switches this scope's report triggers off during a bulk write (sql/reports/bulk-upkeep.ts). */
  bulk: BulkSwitch;
  openLoads: AssignmentRepo['openLoads'];
  specs: SpecRepo;
  migrations: MigrationRepo;
  tables: TableData;
  /** Notification streams in commit order (what the database assigns in commit order differs). */
  notificationStream: NotificationStream;
  /** FROM clause that finds pending outbox rows (an index hint on SQLite). */
  outboxFrom?: string;
  /** FROM clause of the ownership cooldown lookup (an index hint on SQLite). */
  cooldownFrom?: string;
  /** Replacements of shared repositories (row locks where transactions run side by side). */
  overrides?: Partial<Omit<Repos, 'records' | 'specs' | 'migrations' | 'tables'>>;
};

/** Every repository of one scope: the shared ones over `exec`, the adapter's own, its overrides. */
export function buildRepos(p: AdapterParts): Repos {
  const x = p.exec;
  const reports = new WeakMap<AppShape, ReportRepo>();
  const inTx = <T>(fn: (x: SqlExec) => Promise<T>) => p.atomic((atomicExec) => fn(atomicExec));
  return {
    records: p.records,
    reports(spec) {
      let repo = reports.get(spec);
      if (!repo)
        reports.set(spec, (repo = reportRepo(p.reportExec ?? x, spec, p.dialect, p.locale)));
      return repo;
    },
    history: historyRepo(x),
    transitions: transitionRepo(x, p.dialect, p.bulk),
    touches: touchRepo(x),
    activities: activityRepo(x),
    tasks: taskRepo(x),
    notifications: notificationRepo(x, p.notificationStream),
    handovers: handoverRepo(x),
    ownership: ownershipRepo(x, p.cooldownFrom),
    outbox: outboxRepo(x, p.outboxFrom),
    runs: runRepo(x),
    effects: effectRepo(x),
    assignment: assignmentRepo(x, p.openLoads),
    scheduler: schedulerRepo(x),
    deliveries: deliveryRepo(x),
    emails: emailRepo(x),
    users: userRepo(x, inTx, p.dialect),
    teams: teamRepo(x, inTx),
    sessions: sessionRepo(x),
    tokens: tokenRepo(x),
    intakeLog: intakeLogRepo(x),
    idempotency: idempotencyRepo(x, p.dialect),
    webhookSecrets: webhookSecretRepo(x),
    files: fileRepo(x),
    templates: templateRepo(x),
    savedViews: savedViewRepo(x),
    specs: p.specs,
    importJobs: importJobRepo(x),
    exportLog: exportLogRepo(x),
    migrations: p.migrations,
    tables: p.tables,
    ...p.overrides,
  };
}
