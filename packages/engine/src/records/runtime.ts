import type Database from 'better-sqlite3';
import {
  createRecordStore,
  specEpoch,
  specVersions,
  type RecordStore,
  type StoreDb,
} from '@trellis/store';
import type { AppSpec } from '@trellis/spec';
import type { Clock, IdGenerator, Locale, PermissionPort } from '../ports';
import { createSpecModel, type SpecModel } from '@trellis/rules';
import { createRedaction, type Redaction } from '../redaction/redaction';

/** Phases of the write path, reported to `onPhase` (benchmarks). `transaction` spans identity, write and the commit. */
export type Phase = 'normalize' | 'validate' | 'identity' | 'gate' | 'write' | 'transaction';

/** The live spec version with its compiled models and record store. */
export type Live = { model: SpecModel; store: RecordStore };

/** Shared state of one engine: ports, database, and the live spec (per-version caches). */
export type Runtime = {
  db: StoreDb;
  clock: Clock;
  ids: IdGenerator;
  permissions: PermissionPort;
  locale: Locale;
  /** The spec version in force now (re-read cheaply when it may change). */
  live(): Live;
  /** Uses `spec` from now on (tests, or a server that publishes through another process). */
  useSpec(spec: AppSpec, version?: number | null): void;
  /** A prepared statement, cached per SQL text. */
  stmt(sql: string): Database.Statement;
  onPhase: ((phase: Phase, ms: number) => void) | undefined;
  /** The one redaction every read surface applies (over `permissions`). */
  redaction: Redaction;
};

export type RuntimeOptions = {
  db: StoreDb;
  spec?: AppSpec;
  specVersion?: number | null;
  clock: Clock;
  ids: IdGenerator;
  permissions: PermissionPort;
  locale: Locale;
  onPhase?: (phase: Phase, ms: number) => void;
  /** Overrides LIVE_RECHECK_MS. */
  liveRecheckMs?: number;
};

/**
 * How long a runtime trusts the live version it read without asking `spec_versions` again.
 * A publish in this thread is seen at once (`specEpoch`); one by another thread or process
 * (the CLI's `spec import` while serving) within this interval. Before, every call asked:
 * ~5 lookups per intake submission.
 */
export const LIVE_RECHECK_MS = 20;

/**
 * Builds the runtime. Without an explicit spec, the live version is the highest row of
 * `spec_versions`, checked again after a publish here or LIVE_RECHECK_MS; models (compiled
 * validators) and record stores are cached per version, so nothing is rebuilt until a publish.
 */
export function createRuntime(opts: RuntimeOptions): Runtime {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = opts.db.sqlite.prepare(sql)));
    return s;
  };
  const byVersion = new Map<number, Live>();
  const build = (spec: AppSpec, version: number | null): Live => ({
    model: createSpecModel(spec, version),
    store: createRecordStore(opts.db, spec, { locale: opts.locale }),
  });
  let fixed: Live | null = opts.spec ? build(opts.spec, opts.specVersion ?? null) : null;

  const recheckMs = opts.liveRecheckMs ?? LIVE_RECHECK_MS;
  let checked: { live: Live; epoch: number; at: number } | null = null;
  const currentLive = (): Live => {
    const now = performance.now();
    if (checked && checked.epoch === specEpoch() && now - checked.at < recheckMs)
      return checked.live;
    const epoch = specEpoch();
    const live = readLive();
    checked = { live, epoch, at: now };
    return live;
  };

  const readLive = (): Live => {
    const head = stmt('SELECT max(version) AS v FROM spec_versions').get() as { v: number | null };
    if (head.v === null)
      throw new Error('No published spec: publish one or pass `spec` to createEngine');
    let live = byVersion.get(head.v);
    if (!live) {
      const row = specVersions(opts.db).get(head.v);
      if (!row) throw new Error(`Spec version ${head.v} disappeared`);
      live = build(row.spec, head.v);
      byVersion.clear(); // older versions are not needed once a newer one is live
      byVersion.set(head.v, live);
    }
    return live;
  };

  const rt: Omit<Runtime, 'redaction'> & { redaction?: Redaction } = {
    db: opts.db,
    clock: opts.clock,
    ids: opts.ids,
    permissions: opts.permissions,
    locale: opts.locale,
    live: () => fixed ?? currentLive(),
    useSpec(spec, version = null) {
      fixed = build(spec, version);
    },
    stmt,
    onPhase: opts.onPhase,
  };
  rt.redaction = createRedaction(rt as Runtime);
  return rt as Runtime;
}
