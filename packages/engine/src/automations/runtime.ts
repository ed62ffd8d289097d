import type { AppSpec } from '@trellis/spec';
import { getEntity } from '@trellis/spec';
import { compileToSql, tryEvaluate } from '@trellis/logic';
import { entityTable, quoteIdent } from '@trellis/store';
import type { Clock, HttpPort, IdGenerator, Locale, MailerPort, RecordData } from '../ports';
import { stmt, type Db } from './db';
import { createDirectory, type Directory } from './directory';
import type { RecordsPort } from './records-port';
import { createSystemTables, type SystemTables } from './system-tables';
import type { ActionContext, AutomationError, TriggerContext } from './types';
import { createOutboxSql, type OutboxSql } from './worker/outbox-sql';
import { createRunLogSql, type RunLogSql } from './worker/run-log-sql';

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
   * ~0.5 ms), while intake never waits long for the write lock. Server bench (8,800 leads):
   * backlog left after the load 15.3 s with one commit per 8 events, 10.2 s at 2 ms, 8.1 s at
   * 3 ms, 7.3 s at 5 ms, intake p99 unchanged within noise (intake throughput a few % lower as
   * the worker keeps up on 2 cores); 10 ms cost intake throughput clearly. Below 5 ms a
   * one-shot drain commits more often than the old 50-event batches and gets slower.
   */
  batchMs: number;
  /**
   * `batchMs` while `AutomationDeps.contended()` says intake waits for the write lock: during a
   * burst of submissions a drain transaction ends after this (ms) and hands the lock over.
   */
  contendedBatchMs: number;
  /**
   * The background loop's pause (ms) between two drain transactions while intake waits for the
   * write lock. Server bench, intake at concurrency 16 with automations on: 2,185-2,373/s without
   * a pause, 2,270-2,569/s at 10 ms, 2,427-2,479/s at 30 ms; longer gained nothing.
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
};

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
};

/** What createAutomations needs from the engine. */
export type AutomationDeps = {
  db: Db;
  /** The spec in force (read at each event, so a publish takes effect at once). */
  spec(): AppSpec;
  /** The record write path bound to actor `automation`; `depth` is the causing event's depth + 1. */
  records(depth: number): RecordsPort;
  clock: Clock;
  ids: IdGenerator;
  locale?: Locale;
  http?: HttpPort;
  mailer?: MailerPort;
  /** Looks up a stored secret (callWebhook `secretRef`, signed robots). */
  secrets?: (ref: string) => string | undefined;
  options?: Partial<AutomationOptions>;
  /** True while someone with priority waits for the write lock (the intake writer during a burst). */
  contended?: () => boolean;
  /**
   * Upkeep the background loop runs when the outbox is empty and nothing waits for the write
   * lock: moving recently written records' search text into the search index. Takes the write
   * lock only when there is something to do; returns how much it did (0: nothing was waiting).
   */
  upkeep?: () => number;
};

/** Everything the worker, scheduler and dry run share. */
export type Runtime = {
  deps: AutomationDeps;
  db: Db;
  spec(): AppSpec;
  /**
   * Runs `fn` (a drain transaction) with the spec and the directory read once: while the
   * transaction holds the write lock, no publish and no change of users or teams can land.
   */
  batch<T>(fn: () => T): T;
  locale: Locale;
  options: AutomationOptions;
  directory: Directory;
  tables: SystemTables;
  outbox: OutboxSql;
  runs: RunLogSql;
  now(): number;
  evaluate: ActionContext['evaluate'];
  triggerContext(records: RecordsPort): TriggerContext;
  actionContext(depth: number, records: RecordsPort): ActionContext;
};

/** Builds the shared runtime over the engine's ports. */
export function createRuntime(deps: AutomationDeps): Runtime {
  const options = { ...defaultAutomationOptions, ...(deps.options ?? {}) };
  const locale = deps.locale ?? 'zh-CN';
  const now = () => deps.clock.now();
  let batchSpec: AppSpec | null = null;
  const spec = (): AppSpec => batchSpec ?? deps.spec();
  const evaluate: ActionContext['evaluate'] = (expr, data, previous) => {
    const r = tryEvaluate(expr, data, { now: now(), previous: previous ?? null });
    return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.error.message };
  };
  const directory = createDirectory(deps.db, spec);
  const tables = createSystemTables(deps.db);
  const queryRecords =
    (records: RecordsPort): TriggerContext['queryRecords'] =>
    (entity, query, limit) => {
      const e = getEntity(spec(), entity);
      if (!e)
        return {
          ok: false,
          errors: [{ path: '/on/entity', code: 'unknown_entity', message: entity }],
        };
      const info = entityTable(e as Parameters<typeof entityTable>[0]);
      const c = compileToSql(query, { columns: info.columns, ctx: { now: now() } });
      if (!c.ok) return { ok: false, errors: c.errors as AutomationError[] };
      const ids = stmt(
        deps.db,
        `SELECT id FROM ${quoteIdent(info.table)} WHERE deleted_at IS NULL AND (${c.sql}) ORDER BY created_at, id LIMIT ?`,
      ).all(...(c.params as unknown[]), limit) as { id: string }[];
      return {
        ok: true,
        records: ids
          .map((r) => records.get(entity, r.id))
          .filter((r): r is RecordData => r !== null),
      };
    };
  return {
    deps,
    db: deps.db,
    spec,
    batch: (fn) => {
      if (batchSpec) return fn();
      batchSpec = deps.spec();
      try {
        return directory.cached(fn);
      } finally {
        batchSpec = null;
      }
    },
    locale,
    options,
    directory,
    tables,
    outbox: createOutboxSql(deps.db),
    runs: createRunLogSql(deps.db),
    now,
    evaluate,
    triggerContext: (records) => ({
      spec: spec(),
      now,
      locale,
      getRecord: (e, id) => records.get(e, id),
      queryRecords: queryRecords(records),
    }),
    actionContext: (depth, records) => ({
      spec: spec(),
      locale,
      now,
      nextId: () => deps.ids.next(),
      depth,
      records,
      directory,
      tables,
      evaluate,
      secret: (ref) => deps.secrets?.(ref),
    }),
  };
}
