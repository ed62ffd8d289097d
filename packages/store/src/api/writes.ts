import type { RecordRepo } from './records';
import type { Repos } from './store';

type MethodsOf<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never;
}[keyof T];

/**
 * The repository methods that write. Called on a `Store` (outside a transaction) each runs as a
 * transaction of its own; a reader-only store refuses them; a process that forwards its writes
 * to a writer (`trellis start`'s HTTP thread) forwards exactly these.
 */
export const WRITE_METHODS = {
  history: ['append'],
  transitions: ['append', 'appendMany', 'remove'],
  touches: ['append', 'appendMany'],
  activities: ['insert', 'insertMany'],
  tasks: ['insert', 'update'],
  notifications: ['insert', 'markRead', 'markAllRead'],
  handovers: ['insert', 'decide', 'annotate'],
  ownership: ['append', 'appendMany'],
  outbox: [
    'append',
    'appendMany',
    'appendOnce',
    'finish',
    'putBack',
    'claim',
    'complete',
    'release',
    'markAllProcessed',
    'prune',
  ],
  runs: ['save', 'prune'],
  effects: ['put', 'prune'],
  assignment: ['putState'],
  scheduler: ['fired', 'schedule', 'scheduleFrom'],
  deliveries: ['enqueue', 'claimDue', 'delivered', 'dead', 'retry'],
  emails: ['enqueue', 'claim', 'sent', 'failed', 'resetSending'],
  users: ['insert', 'update', 'setStatus', 'setTeams', 'setTeamLead'],
  teams: ['upsert', 'setLead', 'mirror'],
  sessions: ['insert', 'touch', 'remove', 'removeForUser', 'purgeExpired'],
  tokens: ['insert', 'touch', 'revoke'],
  intakeLog: ['append'],
  idempotency: ['put'],
  webhookSecrets: ['put'],
  files: ['insert'],
  templates: ['put'],
  savedViews: ['insert', 'update', 'remove'],
  specs: ['saveDraft', 'discardDraft', 'publish', 'restore'],
  importJobs: ['insert', 'lease', 'checkpoint', 'setTotal', 'finish', 'remove'],
  exportLog: ['append'],
  migrations: ['apply', 'syncEntityTables'],
} as const satisfies {
  [K in Exclude<keyof Repos, 'records' | 'tables'>]?: readonly MethodsOf<Repos[K]>[];
};

/** The RecordRepo methods that write. */
export const RECORD_WRITE_METHODS = [
  'insert',
  'create',
  'insertMany',
  'update',
  'softDelete',
  'restore',
  'indexSearch',
  'foldReportGroups',
] as const satisfies readonly MethodsOf<RecordRepo>[];

export type WritingRepo = keyof typeof WRITE_METHODS;

/**
 * `repos` with every write method replaced by `write(repo, method, args)`: how a Store runs a
 * one-call write as its own transaction, and how a reader forwards or refuses writes.
 */
export function routeWrites(
  repos: Repos,
  write: (repo: WritingRepo, method: string, args: unknown[]) => Promise<unknown>,
  writeRecord: (
    spec: Parameters<Repos['records']>[0],
    method: string,
    args: unknown[],
  ) => Promise<unknown>,
): Repos {
  const out: Record<string, unknown> = { ...repos };
  for (const [name, methods] of Object.entries(WRITE_METHODS) as [
    WritingRepo,
    readonly string[],
  ][]) {
    const routed: Record<string, unknown> = { ...(repos[name] as object) };
    for (const m of methods) routed[m] = (...args: unknown[]) => write(name, m, args);
    out[name] = routed;
  }
  const facades = new WeakMap<object, unknown>();
  out.records = (spec: Parameters<Repos['records']>[0]) => {
    let facade = facades.get(spec);
    if (!facade) {
      const routed: Record<string, unknown> = { ...repos.records(spec) };
      for (const m of RECORD_WRITE_METHODS)
        routed[m] = (...args: unknown[]) => writeRecord(spec, m, args);
      facades.set(spec, (facade = routed));
    }
    return facade;
  };
  return out as Repos;
}
