import type { AppSpec } from '@trellis/spec';
import { getEntity } from '@trellis/spec';
import { tryEvaluate } from '@trellis/logic';
import type { EventLog, Repos, Store, Tx } from '@trellis/store';
import type { Actor, Clock, HttpPort, IdGenerator, Locale, MailerPort } from '../ports';
import { createDirectory, type Directory } from './directory';
import type { RecordsPort } from './records-port';
import type { ActionContext, AutomationError, TriggerContext } from './types';
import type { ReportsApi } from '../reports';

/** Tunables of the automation runtime (defaults in `defaultAutomationOptions`). */
export type AutomationOptions = {
  /** Events caused by this many automation steps in a row stop (bounded recursion). */
  maxDepth: number;
  /** How long a claimed event stays reserved for one worker. */
  leaseMs: number;
  /** Events taken at once (a drain transaction takes more while under `batchMs`). */
  batchSize: number;
  /**
   * A drain transaction goes on (checked after every event) while it has run for less than
   * this (ms): a backlog costs few commits (each writes every page the transaction dirtied,
   * ~0.5 ms), while intake never waits long for the writer. Server bench (8,800 leads):
   * backlog left after the load 15.3 s with one commit per 8 events, 10.2 s at 2 ms, 8.1 s at
   * 3 ms, 7.3 s at 5 ms, intake p99 unchanged within noise; 10 ms cost intake throughput clearly.
   */
  batchMs: number;
  /**
   * `batchMs` while `contended()` says other writes wait: during a burst of submissions a drain
   * transaction ends after this (ms) and leaves the writer to them.
   */
  contendedBatchMs: number;
  /**
   * The background loop's pause (ms) between two drain transactions while other writes wait.
   * Server bench, intake at concurrency 16 with automations on: 2,185-2,373/s without a pause,
   * 2,270-2,569/s at 10 ms, 2,427-2,479/s at 30 ms; longer gained nothing.
   */
  contendedPauseMs: number;
  /** After this many failed attempts an event is given up (kept with last_error). */
  maxAttempts: number;
  /** Delay before retrying an event whose processing threw. */
  retryMs: number;
  /** Identity of this worker in `outbox.claimed_by` (leases of `claim`; the drain takes events inside its transaction and writes none). */
  workerId: string;
  /** Idle wait of the background loop. */
  pollMs: number;
  /**
   * Retention (ms): processed outbox events, automation runs and action effects older than this
   * are pruned (hourly by the background loop); 0 keeps everything. Default 30 days.
   */
  retentionMs: number;
};

/** `batchMs` on a store whose transactions run side by side (see createRuntime). */
const SIDE_BY_SIDE_BATCH_MS = 25;

export const defaultAutomationOptions: AutomationOptions = {
  maxDepth: 5,
  leaseMs: 30_000,
  batchSize: 16,
  batchMs: 5,
  contendedBatchMs: 1,
  contendedPauseMs: 20,
  maxAttempts: 5,
  retryMs: 5_000,
  workerId: 'worker-1',
  pollMs: 200,
  retentionMs: 30 * 24 * 3_600_000,
};

/** What createAutomations needs from the engine. */
export type AutomationDeps = {
  store: Store;
  /** The spec in force (read at each drain transaction, so a publish takes effect at once). */
  spec(): Promise<AppSpec>;
  /**
   * The record write path bound to actor `automation`; `depth` is the causing event's depth + 1;
   * `tx` the transaction the automation runs in (its writes join it, its reads see them);
   * `spec` a spec other than the one in force to write through (the dry run of a draft).
   */
  records(depth: number, tx: Tx | undefined, spec?: AppSpec): RecordsPort;
  clock: Clock;
  ids: IdGenerator;
  locale?: Locale;
  http?: HttpPort;
  mailer?: MailerPort;
  /**
   * Whether a person holds a capability (the engine's role model). Manual runs need
   * `manageAutomations` or a role the button names; without this port only system and
   * automation actors may press buttons.
   */
  hasCapability?: (actor: Actor, capability: 'manageAutomations') => boolean;
  /** The public pool's clock, run on every tick (engine.ownership.reclaim). */
  reclaim?: (now: number) => Promise<{ warned: number; reclaimed: number }>;
  /** Looks up a stored secret (callWebhook `secretRef`, signed robots). */
  secrets?: (ref: string) => string | undefined;
  options?: Partial<AutomationOptions>;
  /**
   * True while other writes wait for the writer (a burst of intake); default: transactions
   * waiting in the store's queue. Drain transactions then last `contendedBatchMs`.
   */
  contended?: () => boolean;
  /**
   * Upkeep the background loop runs when the outbox is empty and nothing waits for the writer:
   * moving recently written records' search text into the search index. Writes only when there
   * is something to do; returns how much it did (0: nothing was waiting).
   */
  upkeep?: () => Promise<number>;
  /** Dashboards as a reader sees them (engine.reports), for the digest action. */
  reports?: Pick<ReportsApi, 'dashboard'>;
};

/** Everything the worker, scheduler and dry run share. */
export type Runtime = {
  deps: AutomationDeps;
  store: Store;
  locale: Locale;
  options: AutomationOptions;
  now(): number;
  evaluate: ActionContext['evaluate'];
  contended(): boolean;
  /**
   * One unit of work over `db` (a transaction, or the store for reads) with the spec read once:
   * the spec, a directory (remembering its look-ups when `db` is a transaction of a store whose
   * writes never run side by side: no publish and no change of users can land meanwhile).
   * `spec` replaces the spec in force (a dry run of a draft).
   */
  scope(db: Repos, tx: Tx | undefined, spec?: AppSpec): Promise<Scope>;
};

/** The context of one unit of automation work. */
export type Scope = {
  rt: Runtime;
  db: Repos;
  tx: Tx | undefined;
  /**
   * Where the worker collects the runs and effects of the event it processes: they are written
   * with the event's completion (one statement on PostgreSQL). Without it each is saved at once.
   */
  log?: EventLog;
  spec: AppSpec;
  directory: Directory;
  triggerContext(records: RecordsPort): TriggerContext;
  actionContext(depth: number, records: RecordsPort): ActionContext;
};

/** Builds the shared runtime over the engine's ports. */
export function createRuntime(deps: AutomationDeps): Runtime {
  const options = {
    ...defaultAutomationOptions,
    // Where transactions run side by side (PostgreSQL) a drain transaction holds only the rows
    // it locks, not the writer, and each one costs four round trips (claimable read, BEGIN,
    // take, COMMIT): longer ones amortize them. Streams wait for it (they read in commit order).
    ...(deps.store.serialWrites ? {} : { batchMs: SIDE_BY_SIDE_BATCH_MS }),
    ...(deps.options ?? {}),
  };
  const locale = deps.locale ?? 'zh-CN';
  const now = () => deps.clock.now();
  const evaluate: ActionContext['evaluate'] = (expr, data, previous) => {
    const r = tryEvaluate(expr, data, { now: now(), previous: previous ?? null });
    return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message };
  };
  const rt: Runtime = {
    deps,
    store: deps.store,
    locale,
    options,
    now,
    evaluate,
    contended: deps.contended ?? (() => deps.store.waiting() > 0),
    async scope(db, tx, override) {
      const spec = override ?? (await deps.spec());
      const directory = createDirectory(db, () => spec, {
        remember: tx !== undefined && deps.store.serialWrites,
      });
      return {
        rt,
        db,
        tx,
        spec,
        directory,
        triggerContext: (records) => ({
          spec,
          now,
          locale,
          getRecord: (e, id) => records.get(e, id),
          queryRecords: (entity, query, limit) =>
            queryRecords(db, spec, entity, query, limit, now()),
        }),
        actionContext: (depth, records) => ({
          spec,
          locale,
          now,
          nextId: () => deps.ids.next(),
          depth,
          records,
          directory,
          db,
          evaluate,
          secret: (ref) => deps.secrets?.(ref),
          ...(deps.reports ? { reports: deps.reports } : {}),
        }),
      };
    },
  };
  return rt;
}

/** Records of `entity` matching a JSONLogic query (compiled to SQL by the store), oldest first. */
async function queryRecords(
  db: Repos,
  spec: AppSpec,
  entity: string,
  query: unknown,
  limit: number,
  now: number,
): ReturnType<TriggerContext['queryRecords']> {
  if (!getEntity(spec, entity))
    return { ok: false, errors: [{ path: '/on/entity', code: 'unknown_entity', message: entity }] };
  const res = await db.records(spec).list(entity, {
    scope: query,
    context: { now },
    sort: [{ field: 'createdAt', dir: 'asc' }],
    limit,
  });
  if (res.ok) return { ok: true, records: res.value.records };
  const errors = (res.error.params?.errors as AutomationError[] | undefined) ?? [
    { path: res.error.path, code: res.error.code, message: res.error.message },
  ];
  return { ok: false, errors };
}
