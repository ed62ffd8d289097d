import type { Store, Tx } from '@trellis/store';
import type { SpecModel } from '@trellis/rules';
import type { Engine } from '../engine';
import { engineError, type EngineError, type Failure } from '../i18n/errors';
import { resolveLocale } from '../i18n/messages';
import type { Actor, Locale } from '../ports';
import type { CallOptions } from '../records/types';

/** What the ownership operations use of the engine. */
export type OwnershipDeps = Pick<Engine, 'records' | 'tasks' | 'permissions' | 'clock' | 'ids'> & {
  store: Store;
  spec(): Promise<SpecModel>;
};

/** A refusal that rolls back the whole operation (several records move together or none). */
export class Abort extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
  }
}

/** Runs `fn` in one transaction (the caller's when given); an Abort answers its failure, nothing written. */
export async function atomically<T>(
  d: OwnershipDeps,
  opts: CallOptions,
  fn: (tx: Tx) => Promise<T>,
): Promise<T | Failure> {
  const locale = localeOf(opts);
  try {
    return opts.tx ? await opts.tx.transaction(fn) : await d.store.transaction(fn);
  } catch (e) {
    if (e instanceof Abort) return e.failure;
    return engineError('internal', locale, 'internal', {
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}

export function localeOf(opts: CallOptions): Locale {
  return resolveLocale(opts.locale ?? opts.actor.locale);
}

/**
 * The platform acting for a person: the ownership operations check the person's rights
 * themselves (owner, reassign, pool role, cap), then write as the system with the person's id,
 * so history and the ledger name who did it.
 */
export function onBehalf(actor: Actor): Actor {
  return {
    kind: 'system',
    ...(actor.userId ? { userId: actor.userId } : {}),
    ...(actor.locale ? { locale: actor.locale } : {}),
  };
}

/** A failure with field errors (validation) or one message (`code`). */
export function failure(
  code: EngineError['code'],
  message: string,
  errors: EngineError['errors'] = [],
): Failure {
  return { ok: false, error: { code, message, errors } };
}
