import type { Engine } from '../engine';
import type { Actor, RecordData } from '../ports';
import { deliverWebhooks, sendEmails, type DeliveryReport } from '../notify/deliveries';
import { tickSchedules } from '../scheduler/schedule-tick';
import { sweepSla } from '../scheduler/sla-sweep';
import { dryRun, type DryRunInput, type DryRunResult } from './dry-run';
import { stmt, writeTransaction } from './db';
import { recordsPortFor } from './engine-adapter';
import { configError } from './config';
import type { AutomationMessageKey } from './messages';
import {
  createRuntime,
  type AutomationDeps,
  type AutomationOptions,
  type Runtime,
} from './runtime';
import type { AutomationError, RunLog } from './types';
import { validateAutomation } from './validate';
import type { RunQuery } from './worker/run-log-sql';
import type { Page } from '@trellis/store';
import { deliveryHealth, withDeliveries, type DeliveryHealth } from '../notify/delivery-health';
import { drain, type DrainReport } from './worker/worker';

/** The automations API (`engine.automations`). */
export type AutomationsApi = {
  /**
   * Processes every claimable outbox event now (synchronous; tests and the background loop use
   * it), or up to `maxEvents`, or in at most `transactions` write transactions (each claims
   * `batchSize` events at a time for up to `batchMs`).
   */
  drain(opts?: { maxEvents?: number; transactions?: number }): DrainReport;
  /** Scheduler tick: SLA sweep (sla.breached once per breach) and due cron schedules. */
  tick(now?: number): { breaches: number; schedules: string[] };
  /** Sends due webhook deliveries and queued emails. */
  deliver(): Promise<{ webhooks: DeliveryReport; emails: DeliveryReport }>;
  /** Starts the in-process worker loop (drain, tick every `tickMs`, deliver). */
  start(opts?: { tickMs?: number }): void;
  /** Stops the loop and waits for the step in progress. */
  stop(): Promise<void>;
  /** Dry run: what `automationKey` would do for `record`, without writing anything. */
  test(
    automationKey: string,
    record: DryRunInput,
    opts?: { previous?: RecordData | null },
  ): DryRunResult;
  /** A person pressed a manual automation's button on records: queues one `manual` event. */
  runManual(
    automationKey: string,
    recordIds: string[],
    actor: Actor,
  ): { ok: true; eventId: string } | { ok: false; error: AutomationError };
  /**
   * Appends an event for automations (intake: form.submitted {form}, webhook.received {source}).
   * Call it inside the caller's transaction to make the event as durable as the change.
   */
  emit(event: {
    id?: string;
    type: string;
    entity?: string | null;
    recordId?: string | null;
    payload?: Record<string, unknown>;
    actorId?: string | null;
    via?: string;
    depth?: number;
  }): string;
  /** The run log, newest first (per automation, per record, per event, by status), with the state of the deliveries runs queued. */
  runs(query?: RunQuery): RunLog[];
  /** One page of the run log (newest first) with runs `keep` refuses left out; null for a foreign cursor. */
  runsPage(query: RunQuery, keep?: (run: RunLog) => boolean): Page<RunLog> | null;
  /** Webhook deliveries by status and the latest failures (refused targets, dead letters). */
  deliveryHealth(limit?: number): DeliveryHealth;
  /** Config errors of one automation (trigger + actions). */
  validate(automation: unknown, locale?: 'zh-CN' | 'en'): AutomationError[];
  /** Unprocessed outbox events. */
  pending(): number;
  /** Internal runtime (benchmarks, tests). */
  runtime: Runtime;
};

/**
 * Records whose search text one upkeep transaction moves into the search index: ~1.5 ms of
 * write lock, ~6 µs per record (100 at a time cost twice that per record; written one by one
 * with each record, ~50 µs).
 */
const SEARCH_INDEX_BATCH = 250;

/** Whether a delivery pass would find work (plain reads on the pending indexes; no write lock). */
function deliveriesDue(rt: Runtime): boolean {
  const webhooks =
    rt.deps.http !== undefined &&
    stmt(
      rt.db,
      `SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1`,
    ).get(rt.now()) !== undefined;
  const emails =
    rt.deps.mailer !== undefined &&
    stmt(rt.db, `SELECT 1 FROM email_outbox WHERE status = 'pending' LIMIT 1`).get() !== undefined;
  return webhooks || emails;
}

/**
 * Creates the automation runtime from explicit deps (any records port) — see
 * `createAutomations` for the usual wiring over an Engine.
 */
export function createAutomationsFrom(deps: AutomationDeps): AutomationsApi {
  const rt = createRuntime(deps);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let lastTick = Number.NEGATIVE_INFINITY;
  let delivering: Promise<void> = Promise.resolve();
  const api: AutomationsApi = {
    drain: (opts) => drain(rt, opts ?? {}),
    tick: (now) => {
      const t = now ?? rt.now();
      return { breaches: sweepSla(rt, t), schedules: tickSchedules(rt, t) };
    },
    // Passes are chained so two calls in this process never overlap.
    deliver: () => {
      const next = delivering.then(async () => ({
        webhooks: await deliverWebhooks(rt),
        emails: await sendEmails(rt),
      }));
      delivering = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    },
    start: (opts) => {
      if (!stopped) return;
      stopped = false;
      // Emails a crashed process left half-sent go back to the queue (at worst sent once more).
      stmt(rt.db, `UPDATE email_outbox SET status = 'pending' WHERE status = 'sending'`).run();
      const tickMs = opts?.tickMs ?? 15_000;
      const step = async () => {
        timer = null;
        let busy = false;
        try {
          if (rt.now() - lastTick >= tickMs) {
            lastTick = rt.now();
            api.tick();
          }
          // One write transaction per step (bounded by batchMs), then the lock is free for intake.
          busy = api.drain({ transactions: 1 }).events > 0;
          // Upkeep only once automations are done and nobody waits: it is never urgent.
          if (!busy && rt.deps.upkeep && !rt.deps.contended?.()) busy = rt.deps.upkeep() > 0;
          // A delivery pass claims with an UPDATE (the write lock): only when something is due.
          if (deliveriesDue(rt)) await api.deliver();
        } catch {
          // A failing step (e.g. the database closed during shutdown) must not kill the loop; the next step retries.
        }
        // While intake waits for the lock, pause between transactions: the burst gets the lock
        // and the CPU, and the backlog is worked off after it.
        const next = busy
          ? rt.deps.contended?.()
            ? rt.options.contendedPauseMs
            : 0
          : rt.options.pollMs;
        if (!stopped) timer = setTimeout(() => (running = step()), next);
      };
      running = step();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    test: (key, record, opts) => dryRun(rt, key, record, opts ?? {}),
    runManual: (key, recordIds, actor) => {
      const refuse = (path: string, code: string, message: AutomationMessageKey) => ({
        ok: false as const,
        error: configError(rt.locale, path, code, message, { key }),
      });
      const a = (rt.spec().automations ?? []).find((x) => x.key === key);
      if (!a) return refuse('', 'automation.unknown', 'unknownAutomation');
      if (a.on.type !== 'manual') return refuse('/on/type', 'automation.notManual', 'notManual');
      if (recordIds.length === 0 || (recordIds.length > 1 && !(a.on as { bulk?: boolean }).bulk))
        return refuse(
          '/recordIds',
          'automation.selection',
          recordIds.length === 0 ? 'noSelection' : 'notBulk',
        );
      if (a.enabled === false) return refuse('/enabled', 'automation.disabled', 'disabled');
      const id = `manual:${deps.ids.next()}`;
      rt.outbox.append({
        id,
        type: 'manual',
        entity: a.on.entity,
        recordId: recordIds.length === 1 ? (recordIds[0] as string) : null,
        payload: { automationKey: key, recordIds },
        actorId: actor.userId ?? null,
        via: 'ui',
        depth: 0,
        createdAt: rt.now(),
      });
      return { ok: true, eventId: id };
    },
    emit: (e) => {
      const id = e.id ?? deps.ids.next();
      rt.outbox.append({
        id,
        type: e.type,
        entity: e.entity ?? null,
        recordId: e.recordId ?? null,
        payload: e.payload ?? {},
        actorId: e.actorId ?? null,
        via: e.via ?? 'system',
        depth: e.depth ?? 0,
        createdAt: rt.now(),
      });
      return id;
    },
    runs: (query) => withDeliveries(rt.db, rt.runs.query(query ?? {})),
    runsPage: (query, keep) => {
      const page = rt.runs.page(query, keep);
      return page ? { ...page, items: withDeliveries(rt.db, page.items) } : null;
    },
    deliveryHealth: (limit) => deliveryHealth(rt.db, limit),
    validate: (automation, locale) => validateAutomation(automation, locale ?? rt.locale),
    pending: () => rt.outbox.pending(),
    runtime: rt,
  };
  return api;
}

/**
 * Automations over an engine: the engine's write path (as actor `automation`), its database,
 * clock, ids, HTTP and mailer ports, and its live spec.
 * @example const automations = createAutomations(engine); engine.records.create(...); automations.drain();
 */
export function createAutomations(
  engine: Engine,
  extra: {
    secrets?: (ref: string) => string | undefined;
    options?: Partial<AutomationOptions>;
    /** True while intake waits for the write lock: drain transactions then last `contendedBatchMs`. */
    contended?: () => boolean;
  } = {},
): AutomationsApi {
  return createAutomationsFrom({
    db: engine.db,
    spec: () => engine.spec().spec,
    records: (depth) => recordsPortFor(engine, depth),
    clock: engine.clock,
    ids: engine.ids,
    locale: engine.runtime.locale,
    ...(engine.http ? { http: engine.http } : {}),
    ...(engine.mailer ? { mailer: engine.mailer } : {}),
    ...(extra.secrets ? { secrets: extra.secrets } : {}),
    ...(extra.options ? { options: extra.options } : {}),
    ...(extra.contended ? { contended: extra.contended } : {}),
    upkeep: () => {
      const store = engine.runtime.live().store;
      // A plain read first: an idle loop never takes the write lock for nothing.
      return store.searchBacklog()
        ? writeTransaction(engine.db, () => store.indexSearch(SEARCH_INDEX_BATCH))
        : 0;
    },
  });
}
