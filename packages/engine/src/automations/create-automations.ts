import type { NewOutboxEvent, StoreLock, Tx } from '@trellis/store';
import type { Engine } from '../engine';
import type { Actor } from '../ports';
import { deliverWebhooks, sendEmails, type DeliveryReport } from '../notify/deliveries';
import { tickSchedules } from '../scheduler/schedule-tick';
import { sweepSla } from '../scheduler/sla-sweep';
import { dryRun, type DryRunInput, type DryRunOptions, type DryRunResult } from './dry-run';
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
import type { Keep, Page, PageRequest, RunQuery } from '@trellis/store';
import { deliveryHealth, withDeliveries, type DeliveryHealth } from '../notify/delivery-health';
import { drain, type DrainReport } from './worker/worker';
import { pruneHistory, type PruneReport } from './retention';

/** How often the background loop prunes old history (retention). */
const PRUNE_EVERY_MS = 3_600_000;

/** The automations API (`engine.automations`). */
export type AutomationsApi = {
  /**
   * Processes every claimable outbox event now (tests and the background loop use it), or up
   * to `maxEvents`, or in at most `transactions` drain transactions (each takes `batchSize`
   * events at a time for up to `batchMs`).
   */
  drain(opts?: { maxEvents?: number; transactions?: number }): Promise<DrainReport>;
  /** Scheduler tick: SLA sweep (sla.breached once per breach) and due cron schedules. */
  tick(now?: number): Promise<{
    breaches: number;
    schedules: string[];
    /** The public pool's clock: owners warned, records reclaimed (engine.ownership.reclaim). */
    pool?: { warned: number; reclaimed: number };
  }>;
  /** Sends due webhook deliveries and (unless `emails: false`) queued emails. */
  deliver(opts?: {
    emails?: boolean;
  }): Promise<{ webhooks: DeliveryReport; emails: DeliveryReport }>;
  /** Retention: prunes processed events, runs and effects older than `retentionMs` (the loop does it hourly). */
  prune(now?: number): Promise<PruneReport>;
  /** Starts the in-process worker loop (drain, tick every `tickMs`, deliver). */
  start(opts?: { tickMs?: number }): void;
  /** Stops the loop and waits for the step in progress. */
  stop(): Promise<void>;
  /** Dry run: what `automationKey` would do for `record` (of the live spec, or `opts.spec`), without writing anything. */
  test(automationKey: string, record: DryRunInput, opts?: DryRunOptions): Promise<DryRunResult>;
  /** A person pressed a manual automation's button on records: queues one `manual` event. */
  runManual(
    automationKey: string,
    recordIds: string[],
    actor: Actor,
  ): Promise<{ ok: true; eventId: string } | { ok: false; error: AutomationError }>;
  /**
   * Appends an event for automations (intake: form.submitted {form}, webhook.received {source}).
   * Pass the caller's transaction as `tx` to make the event as durable as the change.
   */
  emit(
    event: {
      id?: string;
      type: string;
      entity?: string | null;
      recordId?: string | null;
      payload?: Record<string, unknown>;
      actorId?: string | null;
      via?: string;
      depth?: number;
    },
    tx?: Tx,
  ): Promise<string>;
  /** The run log, newest first (per automation, per record, per event, by status), with the state of the deliveries runs queued. */
  runs(query?: RunQuery): Promise<RunLog[]>;
  /** One page of the run log (newest first) with runs `keep` refuses left out; null for a foreign cursor. */
  runsPage(query: RunQuery & PageRequest, keep?: Keep<RunLog>): Promise<Page<RunLog> | null>;
  /** Webhook deliveries by status and the latest failures (refused targets, dead letters). */
  deliveryHealth(limit?: number): Promise<DeliveryHealth>;
  /** Config errors of one automation (trigger + actions). */
  validate(automation: unknown, locale?: 'zh-CN' | 'en'): AutomationError[];
  /** Unprocessed outbox events. */
  pending(): Promise<number>;
  /** Internal runtime (benchmarks, tests). */
  runtime: Runtime;
};

/**
 * Records whose search text one upkeep transaction moves into the search index: ~1.5 ms of
 * writer time, ~6 µs per record (100 at a time cost twice that per record; written one by one
 * with each record, ~50 µs).
 */
const SEARCH_INDEX_BATCH = 250;

/**
 * Report group changes one upkeep transaction moves into the groups (SQLite's, written behind):
 * two grouped upserts for all of them, so a larger batch costs less per change (a create adds
 * one, its first transition two more, an update of a grouped field two).
 */
const REPORT_FOLD_BATCH = 2_000;

/** Whether a delivery pass would find work (plain reads on the pending indexes; no write). */
async function deliveriesDue(rt: Runtime, emailsToo: boolean): Promise<boolean> {
  const webhooks = rt.deps.http !== undefined && (await rt.store.deliveries.anyDue(rt.now()));
  const emails = emailsToo && rt.deps.mailer !== undefined && (await rt.store.emails.anyPending());
  return webhooks || emails;
}

/** How often a process that is not the scheduler leader tries to become it (ms, at most). */
const LEADER_RETRY_MS = 2000;

/**
 * The scheduler leadership of one automation loop (`maintenance.tryLock('scheduler')`): with
 * several server processes on one PostgreSQL database only the holder ticks schedules and SLA
 * sweeps, prunes, and sends emails (which carry no lease: a `sending` mark is reset only by a
 * new leader, whose predecessor is gone). When the holder dies its lock is freed and another
 * process takes over within LEADER_RETRY_MS. On SQLite the lock is always this thread's.
 */
function leadership(rt: Runtime, retryMs: number) {
  let lock: StoreLock | null = null;
  let lastTry = Number.NEGATIVE_INFINITY;
  return {
    /** Whether this loop leads now; `fresh` the first time it does (after a takeover too). */
    async check(): Promise<{ leads: boolean; fresh: boolean }> {
      if (lock?.held()) return { leads: true, fresh: false };
      lock = null;
      const now = performance.now();
      if (now - lastTry < retryMs) return { leads: false, fresh: false };
      lastTry = now;
      lock = await rt.store.maintenance.tryLock('scheduler');
      return { leads: lock !== null, fresh: lock !== null };
    },
    async release() {
      const held = lock;
      lock = null;
      await held?.release();
    },
  };
}

/**
 * Who may press a manual automation's button: the platform itself, roles with
 * `manageAutomations` (admin included), and the roles the trigger names in `roles`.
 */
function mayPress(deps: AutomationDeps, on: { roles?: string[] }, actor: Actor): boolean {
  if (actor.kind === 'system' || actor.kind === 'automation') return true;
  if (actor.kind === 'public') return false;
  if (deps.hasCapability?.(actor, 'manageAutomations')) return true;
  return actor.role !== undefined && (on.roles ?? []).includes(actor.role);
}

/**
 * Creates the automation runtime from explicit deps (any records port) — see
 * `createAutomations` for the usual wiring over an Engine.
 */
export function createAutomationsFrom(deps: AutomationDeps): AutomationsApi {
  const rt = createRuntime(deps);
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let lastTick = Number.NEGATIVE_INFINITY;
  let lastPrune = Number.NEGATIVE_INFINITY;
  let delivering: Promise<void> = Promise.resolve();
  let leader: ReturnType<typeof leadership> | null = null;
  const append = (e: NewOutboxEvent, tx?: Tx) => (tx ?? rt.store).outbox.appendOnce(e);
  const api: AutomationsApi = {
    drain: (opts) => drain(rt, opts ?? {}),
    tick: async (now) => {
      const t = now ?? rt.now();
      const breaches = await sweepSla(rt, t);
      const schedules = await tickSchedules(rt, t);
      return deps.reclaim
        ? { breaches, schedules, pool: await deps.reclaim(t) }
        : { breaches, schedules };
    },
    prune: (now) => pruneHistory(rt, now ?? rt.now()),
    // Passes are chained so two calls in this process never overlap.
    deliver: (opts) => {
      const next = delivering.then(async () => ({
        webhooks: await deliverWebhooks(rt),
        emails:
          opts?.emails === false ? { delivered: 0, retried: 0, dead: 0 } : await sendEmails(rt),
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
      const tickMs = opts?.tickMs ?? 15_000;
      const lead = (leader = leadership(rt, Math.min(tickMs, LEADER_RETRY_MS)));
      const step = async () => {
        timer = null;
        immediate = null;
        let busy = false;
        try {
          const { leads, fresh } = await lead.check();
          if (fresh) {
            // Emails a crashed leader left half-sent go back to the queue (at worst sent once more).
            await rt.store.emails.resetSending();
            // A new leader ticks at once: a schedule due while nobody led is not held back.
            lastTick = Number.NEGATIVE_INFINITY;
          }
          if (leads && rt.now() - lastTick >= tickMs) {
            lastTick = rt.now();
            await api.tick();
          }
          if (leads && !rt.contended() && rt.now() - lastPrune >= PRUNE_EVERY_MS) {
            lastPrune = rt.now();
            await api.prune();
          }
          // One drain transaction per step (bounded by batchMs), then the writer is free again.
          busy = (await api.drain({ transactions: 1 })).events > 0;
          // Upkeep only once automations are done and nobody waits: it is never urgent.
          if (!busy && rt.deps.upkeep && !rt.contended()) busy = (await rt.deps.upkeep()) > 0;
          // A delivery pass claims with a write: only when something is due. Webhook deliveries
          // are claimed with a lease (any process may send them), emails only by the leader.
          if (await deliveriesDue(rt, leads)) await api.deliver({ emails: leads });
        } catch {
          // A failing step (e.g. the store closed during shutdown) must not kill the loop; the next step retries.
        }
        // While other writes wait, pause between transactions: the burst gets the writer and
        // the CPU, and the backlog is worked off after it.
        const next = busy ? (rt.contended() ? rt.options.contendedPauseMs : 0) : rt.options.pollMs;
        if (stopped) return;
        // A backlog with nobody waiting goes on in the next turn of the event loop (after its
        // messages and I/O): a timer of 0 waits at least 1 ms, ~15 % of a backlog's time idle
        // between 5 ms transactions (session 27's profile of the writer).
        if (next === 0) immediate = setImmediate(() => (running = step()));
        else timer = setTimeout(() => (running = step()), next);
      };
      running = step();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = null;
      immediate = null;
      await running;
      await leader?.release().catch(() => undefined);
      leader = null;
    },
    test: (key, record, opts) => dryRun(rt, key, record, opts ?? {}),
    runManual: async (key, recordIds, actor) => {
      const refuse = (path: string, code: string, message: AutomationMessageKey) => ({
        ok: false as const,
        error: configError(rt.locale, path, code, message, { key }),
      });
      const a = ((await deps.spec()).automations ?? []).find((x) => x.key === key);
      if (!a) return refuse('', 'automation.unknown', 'unknownAutomation');
      if (a.on.type !== 'manual') return refuse('/on/type', 'automation.notManual', 'notManual');
      if (recordIds.length === 0 || (recordIds.length > 1 && !(a.on as { bulk?: boolean }).bulk))
        return refuse(
          '/recordIds',
          'automation.selection',
          recordIds.length === 0 ? 'noSelection' : 'notBulk',
        );
      if (a.enabled === false) return refuse('/enabled', 'automation.disabled', 'disabled');
      if (!mayPress(deps, a.on, actor))
        return refuse('', 'automation.forbidden', 'manualForbidden');
      const id = `manual:${deps.ids.next()}`;
      await append({
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
    emit: async (e, tx) => {
      const id = e.id ?? deps.ids.next();
      await append(
        {
          id,
          type: e.type,
          entity: e.entity ?? null,
          recordId: e.recordId ?? null,
          payload: e.payload ?? {},
          actorId: e.actorId ?? null,
          via: e.via ?? 'system',
          depth: e.depth ?? 0,
          createdAt: rt.now(),
        },
        tx,
      );
      return id;
    },
    runs: async (query) =>
      withDeliveries(rt.store, (await rt.store.runs.query(query ?? {})) as RunLog[]),
    runsPage: async ({ limit, cursor, ...query }, keep) => {
      const page = (await rt.store.runs.page(
        query,
        { ...(limit !== undefined ? { limit } : {}), cursor: cursor ?? null },
        keep as Keep<unknown> | undefined,
      )) as Page<RunLog> | null;
      return page ? { ...page, items: await withDeliveries(rt.store, page.items) } : null;
    },
    deliveryHealth: (limit) => deliveryHealth(rt.store, limit),
    validate: (automation, locale) => validateAutomation(automation, locale ?? rt.locale),
    pending: () => rt.store.outbox.pending(),
    runtime: rt,
  };
  return api;
}

/**
 * Automations over an engine: the engine's write path (as actor `automation`), its store,
 * clock, ids, HTTP and mailer ports, and its live spec.
 * @example const automations = createAutomations(engine); await engine.records.create(...); await automations.drain();
 */
export function createAutomations(
  engine: Engine,
  extra: {
    secrets?: (ref: string) => string | undefined;
    options?: Partial<AutomationOptions>;
    /** True while other writes wait for the writer: drain transactions then last `contendedBatchMs`. */
    contended?: () => boolean;
  } = {},
): AutomationsApi {
  return createAutomationsFrom({
    store: engine.store,
    spec: async () => (await engine.spec()).spec,
    records: (depth, tx, spec) => recordsPortFor(spec ? engine.forSpec(spec) : engine, depth, tx),
    clock: engine.clock,
    ids: engine.ids,
    locale: engine.runtime.locale,
    hasCapability: (actor, capability) => engine.permissions.hasCapability(actor, capability),
    reclaim: (now) => engine.ownership.reclaim(now),
    reports: engine.reports,
    ...(engine.http ? { http: engine.http } : {}),
    ...(engine.mailer ? { mailer: engine.mailer } : {}),
    ...(extra.secrets ? { secrets: extra.secrets } : {}),
    ...(extra.options ? { options: extra.options } : {}),
    ...(extra.contended ? { contended: extra.contended } : {}),
    upkeep: async () => {
      const spec = (await engine.spec()).spec;
      const repo = engine.store.records(spec);
      // Plain reads first: an idle loop never queues a write for nothing.
      const [search, groups] = await Promise.all([repo.searchBacklog(), repo.reportBacklog()]);
      if (!search && !groups) return 0;
      return engine.store.transaction(async (tx) => {
        const records = tx.records(spec);
        const indexed = search ? await records.indexSearch(SEARCH_INDEX_BATCH) : 0;
        return indexed + (groups ? await records.foldReportGroups(REPORT_FOLD_BATCH) : 0);
      });
    },
  });
}
