import type { RecordRepo, Repos, StoreIssue, Tx } from '@trellis/store';
import { engineError, type Failure } from '../i18n/errors';
import { resolveLocale } from '../i18n/messages';
import type { Actor, Locale, PermissionAction, RecordData, Via } from '../ports';
import type { EntityModel, SpecModel } from '@trellis/rules';
import type { Live, Phase, Runtime } from './runtime';
import type { CallOptions } from './types';
import { withCooldownOf } from './cooldown';

/** Everything one engine call needs, resolved once at its start. */
export type Call = {
  rt: Runtime;
  live: Live;
  spec: SpecModel;
  model: EntityModel;
  actor: Actor;
  via: Via;
  locale: Locale;
  now: number;
  /** Logic context for requiredIf / enterIf ($user). */
  user: { id: string; teams: string[]; roles: string[] } | undefined;
  /** Where the call reads and writes: the store, or the transaction it runs in. */
  db: Repos;
  /** The caller's transaction (`opts.tx`): writes join it instead of starting their own. */
  tx: Tx | undefined;
  /** false: events of this call's writes run no automations (`CallOptions.automations`). */
  automations?: boolean;
};

/** The records of the call's spec version, in the call's scope. */
export function records(call: Call): RecordRepo {
  return call.db.records(call.spec.spec);
}

/**
 * Runs `fn` in one transaction: a unit of the caller's (`opts.tx`) when there is one, else a
 * transaction of its own. `fn` gets the call with `db` bound to the transaction.
 */
export function inTransaction<T>(call: Call, fn: (c: Call) => Promise<T>): Promise<T> {
  // Arrows passed inline, not named: under tsx's keepNames (the benches, the dev server) a
  // named closure costs an Object.defineProperty at every write.
  return call.tx
    ? call.tx.transaction((tx: Tx) => fn({ ...call, db: tx, tx }))
    : call.rt.store.transaction((tx: Tx) => fn({ ...call, db: tx, tx }));
}

/** Locale of a call's messages: the caller's, else the actor's, else the engine's. Never throws. */
export function callLocale(rt: Runtime, opts: CallOptions | undefined): Locale {
  return resolveLocale(opts?.locale ?? opts?.actor?.locale ?? rt.locale);
}

/**
 * Resolves the call context or returns the `unknown_entity` failure. A call without an actor
 * is treated as anonymous (`public`): least privilege, never the system.
 */
export async function beginCall(
  rt: Runtime,
  entity: string,
  opts: CallOptions | undefined,
  /** `false`: the call reads no stored record (preparing a create), so the cooldown is not looked up. */
  cooldown = true,
): Promise<Call | Failure> {
  const locale = callLocale(rt, opts);
  const live = await rt.live();
  const model = live.model.entity(entity);
  if (!model) return engineError('unknown_entity', locale, 'unknownEntity', { entity });
  const db = opts?.tx ?? rt.store;
  const now = rt.clock.now();
  const anyone: Actor = opts?.actor ?? { kind: 'public' };
  const actor =
    cooldown && !readsAll(rt, anyone, model.key)
      ? await withCooldownOf(anyone, { key: model.key, owned: model.entity.owned }, db, now)
      : anyone;
  const user = actor.userId
    ? { id: actor.userId, teams: [...(actor.teams ?? [])], roles: actor.role ? [actor.role] : [] }
    : undefined;
  return {
    rt,
    live,
    spec: live.model,
    model,
    actor,
    via: opts?.via ?? defaultVia(actor),
    locale,
    now,
    user,
    db,
    tx: opts?.tx,
    ...(opts?.automations === false ? { automations: false } : {}),
  };
}

/**
 * Whether the actor reads every record of the entity: a cooldown (records they handed over) then
 * widens nothing, so the ledger is not read — one query less on every call of an admin or a
 * manager, API writes included.
 */
function readsAll(rt: Runtime, actor: Actor, entity: string): boolean {
  return (rt.permissions.listScope?.(actor, entity) ?? { kind: 'all' }).kind === 'all';
}

function defaultVia(actor: Actor): Via {
  if (actor.kind === 'automation') return 'automation';
  if (actor.kind === 'system') return 'system';
  if (actor.kind === 'public') return 'intake';
  if (actor.kind === 'token') return 'api';
  return 'ui';
}

export function isFailure(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;
}

/**
 * Asks the permission port. A record the actor may not even read answers `not_found` (its
 * existence does not leak); otherwise a refusal is `forbidden` with the port's reason.
 */
export function authorize(
  call: Call,
  action: PermissionAction,
  record?: RecordData | null,
): Failure | null {
  const { permissions } = call.rt;
  const d = permissions.check(call.actor, action, call.model.key, record ?? null);
  if (d.allowed) return null;
  if (
    record &&
    (action === 'read' || !permissions.check(call.actor, 'read', call.model.key, record).allowed)
  ) {
    return engineError('not_found', call.locale, 'notFound', {
      entity: call.model.key,
      id: record.id,
    });
  }
  const f = engineError('forbidden', call.locale, 'forbidden');
  if (d.reason) f.error.message = d.reason;
  return f;
}

/** Runs `fn`, reporting its duration to the runtime's phase hook when one is installed. */
export async function timed<T>(call: Call, phase: Phase, fn: () => T | Promise<T>): Promise<T> {
  const hook = call.rt.onPhase;
  if (!hook) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    hook(phase, performance.now() - t0);
  }
}

/** Like `timed` for work that never waits (normalize, validate). */
export function timedSync<T>(call: Call, phase: Phase, fn: () => T): T {
  const hook = call.rt.onPhase;
  if (!hook) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    hook(phase, performance.now() - t0);
  }
}

/** Maps a store issue (not found, version conflict, deleted) to an engine failure in the caller's locale. */
export function storeFailure(call: Call, issue: StoreIssue, id: string): Failure {
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'not_found':
      return engineError('not_found', call.locale, p.deleted ? 'deleted' : 'notFound', {
        entity: call.model.key,
        id,
      });
    case 'version_conflict':
      return engineError(
        'conflict',
        call.locale,
        'conflict',
        { current: p.actual, expected: p.expected },
        [],
        { currentVersion: p.actual },
      );
    case 'not_deleted':
      return engineError('invalid_input', call.locale, 'notDeleted');
    default:
      return engineError('invalid_input', call.locale, 'invalidInput', { detail: issue.message }, [
        issue,
      ]);
  }
}

/** Where `guard` keeps what was thrown on the failure it returns (not enumerable: not sent). */
const THROWN = Symbol('thrown');

/**
 * Wraps an engine entry point: any thrown error becomes an `internal` failure (bad input never
 * throws out), or `unavailable` when the store says the database refused the work for a moment
 * (`transient`: a deadlock, a lock timeout), which the caller may make again. A write
 * that threw ran in a transaction unit of its own (`inTransaction`), which is not committed, so
 * nothing half-written remains. The failure keeps what was thrown (`thrownBy`): a caller whose
 * transaction wraps the call may retry a passing fault of the database instead of taking it for
 * the call's answer (the automation worker and intake do).
 */
export async function guard<T>(
  rt: Pick<Runtime, 'store'>,
  locale: Locale,
  fn: () => Promise<T | Failure>,
): Promise<T | Failure> {
  try {
    return await fn();
  } catch (e) {
    const failure = rt.store.transient(e)
      ? engineError('unavailable', locale, 'busy')
      : engineError('internal', locale, 'internal', {
          detail: e instanceof Error ? e.message : String(e),
        });
    Object.defineProperty(failure, THROWN, { value: e, enumerable: false });
    return failure;
  }
}

/** What an engine call's unit threw when `result` is the `internal` failure `guard` made of it. */
export function thrownBy(result: unknown): unknown {
  return result !== null && typeof result === 'object'
    ? (result as { [THROWN]?: unknown })[THROWN]
    : undefined;
}
