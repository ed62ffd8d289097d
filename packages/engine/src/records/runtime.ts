import type { Store } from '@trellis/store';
import type { AppSpec } from '@trellis/spec';
import type { Clock, IdGenerator, Locale, PermissionPort } from '../ports';
import { createSpecModel, type SpecModel } from '@trellis/rules';
import { createRedaction, type Redaction } from '../redaction/redaction';

/** Phases of the write path, reported to `onPhase` (benchmarks). `transaction` spans identity, write and the commit. */
export type Phase = 'normalize' | 'validate' | 'identity' | 'gate' | 'write' | 'transaction';

/** The spec version in force with its compiled models (validators are built once per version). */
export type Live = { model: SpecModel };

/** Shared state of one engine: ports, the store, and the live spec (per-version caches). */
export type Runtime = {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  permissions: PermissionPort;
  locale: Locale;
  /** The spec version in force now (re-read cheaply when it may change). */
  live(): Promise<Live>;
  /** The version `live()` answered last (the permission port reads its roles), null before. */
  lastLive(): Live | null;
  /** Uses `spec` from now on (tests, or a server that publishes through another process). */
  useSpec(spec: AppSpec, version?: number | null): void;
  onPhase: ((phase: Phase, ms: number) => void) | undefined;
  /** The one redaction every read surface applies (over `permissions`). */
  redaction: Redaction;
};

export type RuntimeOptions = {
  store: Store;
  spec?: AppSpec;
  specVersion?: number | null;
  clock: Clock;
  ids: IdGenerator;
  permissions: (rt: Pick<Runtime, 'lastLive'>) => PermissionPort;
  locale: Locale;
  onPhase?: (phase: Phase, ms: number) => void;
  /** Overrides LIVE_RECHECK_MS. */
  liveRecheckMs?: number;
};

/**
 * How long a runtime trusts the live version it read without asking the store again. A
 * publish through any store of this thread is seen at once (`specs.epoch()`); one by another
 * thread or process (the CLI's `spec import` while serving) within this interval. Before, every
 * call asked: ~5 look-ups per intake submission.
 */
export const LIVE_RECHECK_MS = 20;

/** No published spec: the engine has nothing to run. */
export class NoSpecError extends Error {
  constructor() {
    super('No published spec: publish one or pass `spec` to createEngine');
  }
}

/**
 * Builds the runtime. Without an explicit spec, the live version is the highest published
 * one, checked again after a publish here or LIVE_RECHECK_MS; models (compiled validators) are
 * cached per version, so nothing is rebuilt until a publish.
 */
export function createRuntime(opts: RuntimeOptions): Runtime {
  const byVersion = new Map<number, Live>();
  const build = (spec: AppSpec, version: number | null): Live => ({
    model: createSpecModel(spec, version),
  });
  let fixed: Live | null = opts.spec ? build(opts.spec, opts.specVersion ?? null) : null;
  const recheckMs = opts.liveRecheckMs ?? LIVE_RECHECK_MS;
  let checked: { live: Live; epoch: number; at: number } | null = null;
  const specs = opts.store.specs;

  const readLive = async (): Promise<Live> => {
    const version = await specs.liveVersion();
    if (version === null) throw new NoSpecError();
    let live = byVersion.get(version);
    if (!live) {
      const row = await specs.get(version);
      if (!row) throw new Error(`Spec version ${version} disappeared`);
      live = build(row.spec, version);
      byVersion.clear(); // older versions are not needed once a newer one is live
      byVersion.set(version, live);
    }
    return live;
  };

  const live = async (): Promise<Live> => {
    if (fixed) return fixed;
    const now = performance.now();
    const epoch = specs.epoch();
    if (checked && checked.epoch === epoch && now - checked.at < recheckMs) return checked.live;
    const next = await readLive();
    checked = { live: next, epoch, at: now };
    return next;
  };

  const lastLive = () => fixed ?? checked?.live ?? null;
  const rt: Omit<Runtime, 'redaction'> & { redaction?: Redaction } = {
    store: opts.store,
    clock: opts.clock,
    ids: opts.ids,
    permissions: opts.permissions({ lastLive }),
    locale: opts.locale,
    live,
    lastLive,
    useSpec(spec, version = null) {
      fixed = build(spec, version);
    },
    onPhase: opts.onPhase,
  };
  rt.redaction = createRedaction(rt as Runtime);
  return rt as Runtime;
}
