import type { EntityModel } from '@trellis/rules';
import type { Failure } from '../i18n/errors';
import { engineError } from '../i18n/errors';
import type { Actor, Locale, RecordData } from '../ports';
import type { EngineRecord, ListResult, RecordResult, CallOptions } from '../records/types';
import { Abort, atomically, failure, localeOf, onBehalf, type OwnershipDeps } from './deps';
import { mayHandOver } from './handover';
import { om } from './messages';
import { poolRules, type PoolRules } from './policy';

export type PoolListResult =
  | {
      ok: true;
      records: EngineRecord[];
      fields: string[];
      nextCursor: string | null;
      total?: number;
    }
  | Failure;

/** The entity and its pool rules, or why there is no pool (for this actor). */
async function poolOf(
  d: OwnershipDeps,
  entity: string,
  actor: Actor,
  locale: Locale,
): Promise<{ model: EntityModel; rules: PoolRules } | Failure> {
  const model = (await d.spec()).entity(entity);
  if (!model) return engineError('unknown_entity', locale, 'unknownEntity', { entity });
  const rules = poolRules(model.entity);
  if (!rules.enabled) return failure('invalid_input', om(locale, 'noPool', { entity }));
  const scope = d.permissions.scope(actor, 'read', entity);
  const sees = scope === 'all' || scope.endsWith('+pool');
  const listed =
    rules.roles === null ||
    d.permissions.hasCapability(actor, 'reassign') ||
    (actor.role !== undefined && rules.roles.includes(actor.role));
  if (!sees || !listed) return failure('forbidden', om(locale, 'poolRole'));
  return { model, rules };
}

/** The pool of an entity: records without an owner the actor may see, with the pool's fields only. */
export async function listPool(
  d: OwnershipDeps,
  entity: string,
  query: { search?: string; cursor?: string | null; limit?: number },
  opts: CallOptions,
): Promise<PoolListResult> {
  const locale = localeOf(opts);
  const pool = await poolOf(d, entity, opts.actor, locale);
  if ('ok' in pool) return pool;
  const res: ListResult = await d.records.list(
    entity,
    {
      filter: { '==': [{ var: 'ownerId' }, null] },
      sort: [{ field: 'createdAt', dir: 'desc' }],
      count: true,
      ...(query.search ? { search: query.search } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit: query.limit ?? 50,
    },
    opts,
  );
  if (!res.ok) return res;
  const keep = new Set([
    'id',
    'stage',
    'createdAt',
    'lastActivityAt',
    'teamId',
    'version',
    ...pool.rules.fields,
  ]);
  const records = res.records.map(
    (r) => Object.fromEntries(Object.entries(r).filter(([k]) => keep.has(k))) as EngineRecord,
  );
  return { ...res, records, fields: [...pool.rules.fields] };
}

/**
 * Claims a pool record for the actor: they must see the pool, hold fewer open records than the
 * cap, and be first (the record's version guards a race; the loser gets a conflict).
 */
export async function claimRecord(
  d: OwnershipDeps,
  entity: string,
  id: string,
  opts: CallOptions,
): Promise<RecordResult> {
  const locale = localeOf(opts);
  const pool = await poolOf(d, entity, opts.actor, locale);
  if ('ok' in pool) return pool;
  const userId = opts.actor.userId;
  if (!userId) return failure('forbidden', om(locale, 'poolRole'));
  return atomically(d, opts, async (tx) => {
    const got = await d.records.get(entity, id, { ...opts, tx });
    if (!got.ok) throw new Abort(got);
    if (got.record.ownerId) throw new Abort(failure('conflict', om(locale, 'notInPool', { id })));
    if (pool.rules.claimCap !== null) {
      const closed = (pool.model.pipeline?.stages ?? [])
        .filter((s) => s.category === 'won' || s.category === 'lost')
        .map((s) => s.key);
      const open = (await tx.assignment.openLoads(entity, closed, [userId]))[userId] ?? 0;
      if (open >= pool.rules.claimCap)
        throw new Abort(
          failure('invalid_input', om(locale, 'claimCap', { open, cap: pool.rules.claimCap }), [
            {
              path: '',
              code: 'claim_cap',
              message: om(locale, 'claimCap', { open, cap: pool.rules.claimCap }),
              params: { open, cap: pool.rules.claimCap },
            },
          ]),
        );
    }
    const patch: RecordData = { ownerId: userId };
    if (!got.record.teamId && opts.actor.teams?.[0]) patch.teamId = opts.actor.teams[0];
    const r = await d.records.update(entity, id, patch, {
      actor: onBehalf(opts.actor),
      via: opts.via ?? 'ui',
      locale,
      tx,
      version: got.record.version as number,
      ownership: { kind: 'claim' },
    });
    if (!r.ok) throw new Abort(r);
    return { ok: true as const, record: d.permissions.redact(opts.actor, entity, r.record) };
  });
}

/**
 * Releases a record to the pool with a reason (the owner, someone with reassign, or the
 * platform); `kind` 'reclaim' when the pool's clock took it back.
 */
export async function releaseRecord(
  d: OwnershipDeps,
  entity: string,
  id: string,
  reason: string | null,
  opts: CallOptions & { kind?: 'release' | 'reclaim' },
): Promise<RecordResult> {
  const locale = localeOf(opts);
  const model = (await d.spec()).entity(entity);
  if (!model) return engineError('unknown_entity', locale, 'unknownEntity', { entity });
  if (!poolRules(model.entity).enabled)
    return failure('invalid_input', om(locale, 'noPool', { entity }));
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (why === '')
    return engineError('validation', locale, 'validation', { count: 1 }, [
      { path: '/reason', code: 'required', message: om(locale, 'reasonNeeded') },
    ]);
  return atomically(d, opts, async (tx) => {
    const got = await d.records.get(entity, id, { ...opts, tx });
    if (!got.ok) throw new Abort(got);
    if (!got.record.ownerId) throw new Abort(failure('conflict', om(locale, 'alreadyInPool')));
    const refused = mayHandOver(d, opts.actor, got.record, locale);
    if (refused) throw new Abort(refused);
    const r = await d.records.update(
      entity,
      id,
      { ownerId: null, teamId: null },
      {
        actor: onBehalf(opts.actor),
        via: opts.via ?? 'ui',
        locale,
        tx,
        version: got.record.version as number,
        ownership: { kind: opts.kind ?? 'release', reason: why },
      },
    );
    if (!r.ok) throw new Abort(r);
    return { ok: true as const, record: d.permissions.redact(opts.actor, entity, r.record) };
  });
}
