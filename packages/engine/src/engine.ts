import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { listActivities, logActivity } from './activities/log-activity';
import type { ActivityInput, ActivityListResult, ActivityResult } from './activities/types';
import { resolveLocale } from './i18n/messages';
import { createPermissionPort, createPermissions } from './permissions';
import type { PermissionSpec, Permissions } from './permissions';
import type { Redaction } from './redaction/redaction';
import {
  systemClock,
  uuidv7Ids,
  type Clock,
  type HttpPort,
  type IdGenerator,
  type Locale,
  type MailerPort,
  type PermissionPort,
  type RecordData,
} from './ports';
import { createRecord, prepareCreate, prepareCreates } from './records/create';
import { createRecords, type CreateManyItem, type CreateManyOptions } from './records/create-many';
import type { SpecModel } from '@trellis/rules';
import { groupRecords } from './records/groups';
import { getRecord, listRecords } from './records/read';
import { removeRecord, restoreRecord } from './records/remove';
import { createReports, type ReportsApi } from './reports/index';
import { createRuntime, NoSpecError, type Phase, type Runtime } from './records/runtime';
import type {
  CallOptions,
  ChangeStageOptions,
  CreateOptions,
  PageOptions,
  GroupOptions,
  GroupResult,
  PreparedCreateResult,
  ListOptions,
  ListResult,
  RecordResult,
  UpdateOptions,
  WriteOptions,
} from './records/types';
import { changeStage, updateRecord } from './records/update';
import { assignTask, completeTask, createTask, listTasks } from './tasks/tasks';
import type { TaskInput, TaskListResult, TaskQuery, TaskResult } from './tasks/types';
import { timeline } from './timeline/timeline';
import { createOwnership, type OwnershipApi } from './ownership/api';
import type { TimelineResult } from './timeline/types';

export type EngineOptions = {
  store: Store;
  /** The spec to run. Default: the live (highest published) version, followed as it changes. */
  spec?: AppSpec;
  specVersion?: number | null;
  clock?: Clock;
  ids?: IdGenerator;
  /**
   * What the write path and every read ask before acting. Default: the role model of the spec
   * in force (roles in the app spec, followed across publishes). Tests that are not about
   * permissions may pass `allowAllPermissions`.
   */
  permissions?: PermissionPort;
  http?: HttpPort;
  mailer?: MailerPort;
  /** Default locale of messages (callers may pass their own). Default zh-CN. */
  locale?: Locale;
  /** Called with the duration of each write-path phase (benchmarks). */
  onPhase?: (phase: Phase, ms: number) => void;
  /**
   * How long (ms) a publish by another connection may go unseen; default 20. A publish in this
   * thread (or `markSpecChanged()`) is seen at once.
   */
  liveRecheckMs?: number;
};

/**
 * Records API: the one write path (DESIGN.md principle 3) and reads. Every call resolves to a
 * result value, never rejects for bad input.
 */
export type RecordsApi = {
  create(entity: string, values: RecordData, opts: CreateOptions): Promise<RecordResult>;
  /** The transaction-free part of `create` done ahead; pass the result as `CreateOptions.prepared`. */
  prepareCreate(
    entity: string,
    values: RecordData,
    opts: CreateOptions,
  ): Promise<PreparedCreateResult>;
  /** `prepareCreate` of many value sets at once (one permission and cooldown lookup). */
  prepareCreateMany(
    entity: string,
    valueSets: readonly RecordData[],
    opts: CreateOptions,
  ): Promise<PreparedCreateResult[]>;
  /**
   * Creates many records as `create` would one after another in one transaction, writing them
   * in multi-row statements (imports). One result per item, in order.
   */
  createMany(
    entity: string,
    items: readonly CreateManyItem[],
    opts: CreateManyOptions,
  ): Promise<RecordResult[]>;
  update(entity: string, id: string, patch: RecordData, opts: UpdateOptions): Promise<RecordResult>;
  changeStage(
    entity: string,
    id: string,
    stage: string,
    opts: ChangeStageOptions,
  ): Promise<RecordResult>;
  remove(entity: string, id: string, opts: UpdateOptions): Promise<RecordResult>;
  restore(entity: string, id: string, opts: UpdateOptions): Promise<RecordResult>;
  get(
    entity: string,
    id: string,
    opts: CallOptions & { includeDeleted?: boolean; lock?: boolean },
  ): Promise<RecordResult>;
  list(entity: string, query: ListOptions, opts: CallOptions): Promise<ListResult>;
  /** Counts and sums per value of a field under the same filter, search and permissions as `list`. */
  groups(entity: string, query: GroupOptions, opts: CallOptions): Promise<GroupResult>;
  /** The recycle bin: soft-deleted records, most recently deleted first by default. */
  listDeleted(entity: string, query: ListOptions, opts: CallOptions): Promise<ListResult>;
};

export type Engine = {
  records: RecordsApi;
  activities: {
    log(
      entity: string,
      recordId: string,
      input: ActivityInput,
      opts: WriteOptions,
    ): Promise<ActivityResult>;
    list(
      entity: string,
      recordId: string,
      opts: CallOptions & PageOptions,
    ): Promise<ActivityListResult>;
  };
  tasks: {
    create(input: TaskInput, opts: WriteOptions): Promise<TaskResult>;
    assign(
      taskId: string,
      assigneeId: string | null,
      opts: WriteOptions & { dueAt?: number | null },
    ): Promise<TaskResult>;
    complete(taskId: string, opts: WriteOptions): Promise<TaskResult>;
    list(query: TaskQuery, opts: CallOptions): Promise<TaskListResult>;
  };
  timeline(entity: string, id: string, opts: CallOptions): Promise<TimelineResult>;
  /** Dashboards and their widgets, scoped by the role model (docs/reports.md). */
  reports: ReportsApi;
  /**
   * The role model of the spec in force (can, scopes, visible and writable fields,
   * capabilities) and `port`, what the engine asks (the same model unless one was injected).
   * Servers and the CLI ask these; they keep no permission model of their own. They read the
   * version `spec()` answered last: a surface awaits `spec()` (or any engine call) first.
   */
  permissions: Permissions & { port: PermissionPort };
  /** The one redaction for every surface that returns record data (see redaction/redaction.ts). */
  redact: Redaction;
  /**
   * The spec in force and its compiled models: the one place the live version is read (cached;
   * a publish through this thread's store is seen at once, another process's within
   * `liveRecheckMs`). Rejects while nothing is published (`NoSpecError`).
   */
  spec(): Promise<SpecModel>;
  /** The live spec, or null before the first publish. */
  liveSpec(): Promise<AppSpec | null>;
  /** Runs another spec from now on (tests; servers normally follow the published versions). */
  useSpec(spec: AppSpec, version?: number | null): void;
  /**
   * An engine over the same store and ports running `spec` (not followed across publishes): the
   * dry run of a builder's draft writes through it, inside a transaction it rolls back.
   */
  forSpec(spec: AppSpec): Engine;
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  http: HttpPort | undefined;
  mailer: MailerPort | undefined;
  /** Internal runtime for sibling modules (automations). */
  runtime: Runtime;
  /** Handovers, the public pool (公海), "a rep leaves" and the ownership ledger. */
  ownership: OwnershipApi;
};

/**
 * Creates the engine over an open store. Ports (clock, ids, permissions, http, mailer) are
 * injected so tests control time and identity.
 * @example const engine = createEngine({ store: await openStore({ url: ':memory:' }), spec, clock });
 */
export function createEngine(options: EngineOptions): Engine {
  // The role model reads the spec this engine runs, so it follows publishes with it.
  const roles = createPermissions(() => specOf(rt));
  const permissions = options.permissions ?? createPermissionPort(roles);
  const rt: Runtime = createRuntime({
    store: options.store,
    ...(options.spec ? { spec: options.spec } : {}),
    specVersion: options.specVersion ?? null,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? uuidv7Ids,
    permissions: () => permissions,
    locale: resolveLocale(options.locale),
    ...(options.onPhase ? { onPhase: options.onPhase } : {}),
    ...(options.liveRecheckMs !== undefined ? { liveRecheckMs: options.liveRecheckMs } : {}),
  });
  const engine: Engine = {
    records: {
      create: (entity, values, opts) => createRecord(rt, entity, values, opts),
      prepareCreate: (entity, values, opts) => prepareCreate(rt, entity, values, opts),
      prepareCreateMany: (entity, sets, opts) => prepareCreates(rt, entity, sets, opts),
      createMany: (entity, items, opts) => createRecords(rt, entity, items, opts),
      update: (entity, id, patch, opts) => updateRecord(rt, entity, id, patch, opts),
      changeStage: (entity, id, stage, opts) => changeStage(rt, entity, id, stage, opts),
      remove: (entity, id, opts) => removeRecord(rt, entity, id, opts),
      restore: (entity, id, opts) => restoreRecord(rt, entity, id, opts),
      get: (entity, id, opts) => getRecord(rt, entity, id, opts),
      list: (entity, query, opts) => listRecords(rt, entity, query, opts),
      groups: (entity, query, opts) => groupRecords(rt, entity, query, opts),
      listDeleted: (entity, query, opts) =>
        listRecords(
          rt,
          entity,
          { sort: [{ field: 'deletedAt', dir: 'desc' }], ...query },
          opts,
          'only',
        ),
    },
    activities: {
      log: (entity, recordId, input, opts) => logActivity(rt, entity, recordId, input, opts),
      list: (entity, recordId, opts) => listActivities(rt, entity, recordId, opts),
    },
    tasks: {
      create: (input, opts) => createTask(rt, input, opts),
      assign: (taskId, assigneeId, opts) => assignTask(rt, taskId, assigneeId, opts),
      complete: (taskId, opts) => completeTask(rt, taskId, opts),
      list: (query, opts) => listTasks(rt, query, opts),
    },
    timeline: (entity, id, opts) => timeline(rt, entity, id, opts),
    reports: createReports({
      store: options.store,
      spec: async () => (await rt.live()).model.spec,
      permissions,
      hiddenFields: (actor, entity) => [...rt.redaction.hiddenFields(actor, entity)],
      hasCapability: (actor, capability) => roles.hasCapability(actor, capability),
      clock: rt.clock,
      locale: rt.locale,
    }),
    permissions: { ...roles, port: permissions },
    redact: rt.redaction,
    spec: async () => (await rt.live()).model,
    async liveSpec() {
      try {
        return (await rt.live()).model.spec;
      } catch (error) {
        if (error instanceof NoSpecError) return null;
        throw error;
      }
    },
    useSpec: (spec, version) => rt.useSpec(spec, version ?? null),
    forSpec: (spec) => createEngine({ ...options, spec, specVersion: null }),
    store: options.store,
    clock: rt.clock,
    ids: rt.ids,
    http: options.http,
    mailer: options.mailer,
    runtime: rt,
    ownership: undefined as unknown as OwnershipApi,
  };
  engine.ownership = createOwnership(
    {
      records: engine.records,
      tasks: engine.tasks,
      permissions: engine.permissions,
      clock: rt.clock,
      ids: rt.ids,
      store: options.store,
      spec: engine.spec,
    },
    () => rt.locale,
  );
  return engine;
}

const NO_SPEC: PermissionSpec = { entities: [], roles: [] };

/** The spec the engine runs, or none before the first publish (nobody may do anything then). */
function specOf(rt: Runtime): PermissionSpec {
  return rt.lastLive()?.model.spec ?? NO_SPEC;
}
