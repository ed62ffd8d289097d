import type { Failure } from '../i18n/errors';
import type { RecordData } from '../ports';
import { isEmptyValue } from '@trellis/rules';
import {
  authorize,
  beginCall,
  callLocale,
  guard,
  inTransaction,
  isFailure,
  records,
  storeFailure,
  timed,
  type Call,
} from './call';
import { duplicate } from './duplicate';
import { mergeInto } from './merge';
import { holderChanged, holderOf, ledgerRow } from '../ownership/ledger';
import { createdRow, event, touchRow } from './journal';
import { fieldValues, problems, visible } from './outcome';
import { prepare, type Prepared } from './prepare';
import type { Runtime } from './runtime';
import { capturedRefused, withCaptured } from './capture';
import { peopleErrors } from './people';
import { relationErrors } from './references';
import { uniqueErrors } from './unique';
import { gateErrors, slaDueAt } from './stage';
import type { CreateOptions, PreparedCreateResult, RecordResult } from './types';

/**
 * Creates a record through the one write path: authorize -> normalize -> validate (+ formulas)
 * -> stage gate -> identity -> one transaction (row, history, stage transition, touch, one
 * `record.created` event). In `merge` mode a record matching an identity key is filled instead;
 * in `create` mode (forms/webhook sources declaring `mode: "create"`) identity keys are not looked
 * up at all, so a repeat submission is a new record. Unique fields are refused in every mode.
 */
export function createRecord(
  rt: Runtime,
  entity: string,
  values: unknown,
  opts: CreateOptions,
): Promise<RecordResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'create');
    if (denied) return denied;
    const p = reusable(call, opts) ?? prepareValues(call, values, opts);
    const next = p.next;
    const requested = typeof next.stage === 'string' ? next.stage : null;
    const stage = requested ?? call.model.initialStage;
    const errors = [...p.errors];
    // Starting in the first stage is always allowed; starting later must pass that stage's gate.
    if (requested !== null && requested !== call.model.initialStage) {
      errors.push(...(await timed(call, 'gate', () => gateErrors(call, requested, next, null))));
    }
    // An intake merge may lack required values the existing record already has (a WeChat lead
    // with only a WeChat id): missing values wait for the identity lookup, other errors do not.
    const missingOnly =
      opts.mode === 'merge' &&
      errors.every((e) => e.code === 'required' || e.code === 'requiredIf');
    if (errors.length > 0 && !missingOnly) return problems(call, errors, requested ?? undefined);

    return timed(call, 'transaction', () =>
      inTransaction(call, async (c): Promise<RecordResult> => {
        const matches = await timed(c, 'identity', () =>
          c.model.identity.length > 0 && opts.mode !== 'create'
            ? records(c).findByIdentity(entity, next)
            : [],
        );
        const first = matches[0];
        if (first) {
          if (opts.mode === 'merge') return mergeInto(c, first.record, next, p.changed, opts);
          return duplicate(c, first.record, first.key);
        }
        if (errors.length > 0) return problems(c, errors);
        const taken = await timed(c, 'identity', async () => [
          ...(await uniqueErrors(c, next, c.model.fields.keys())),
          ...(await relationErrors(c, next, c.model.fields.keys())),
          ...(await peopleErrors(c, next, p.changed)),
        ]);
        if (taken.length > 0) return problems(c, taken);
        return timed(c, 'write', () => insert(c, next, stage, opts));
      }).catch(refusedRow),
    );
  });
}

/**
 * Normalize, validate and compute formulas (`prepare`), with the form's captured link
 * parameters. A captured parameter the field refuses (say a utm_campaign not matching the
 * field's pattern) is dropped rather than losing the lead.
 */
export function prepareValues(call: Call, values: unknown, opts: CreateOptions): Prepared {
  const captured = withCaptured(call, values, opts.touch);
  const p = prepare(call, captured.values, null);
  if (captured.fields.length > 0 && capturedRefused(p.errors, captured.fields))
    return prepare(call, captured.base, null);
  return p;
}

function actorKey(call: Call): string {
  return `${call.actor.kind}\u0000${call.actor.userId ?? ''}\u0000${call.actor.role ?? ''}`;
}

/** `opts.prepared` when it was made for this call: same entity, spec version, actor and locale. */
export function reusable(call: Call, opts: Pick<CreateOptions, 'prepared'>): Prepared | null {
  const p = opts.prepared;
  if (!p || call.spec.version === null) return null;
  if (p.entity !== call.model.key || p.specVersion !== call.spec.version) return null;
  if (p.actor !== actorKey(call) || p.locale !== call.locale) return null;
  return { next: p.next, changed: p.changed, errors: p.errors };
}

/**
 * The part of a create that needs no transaction (authorize, normalize, validate, formulas),
 * done ahead: intake prepares in the HTTP thread and writes in the intake writer thread.
 * `prepared` is null when the spec in force has no version (an engine running a fixed spec).
 */
export function prepareCreate(
  rt: Runtime,
  entity: string,
  values: unknown,
  opts: CreateOptions,
): Promise<PreparedCreateResult> {
  return guard(rt, callLocale(rt, opts), async (): Promise<PreparedCreateResult | Failure> => {
    const call = await beginCall(rt, entity, opts, false);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'create');
    if (denied) return denied;
    return prepared(call, values, opts);
  });
}

/** `prepareCreate` of many value sets for one call (an import batch): one result each. */
export async function prepareCreates(
  rt: Runtime,
  entity: string,
  valueSets: readonly unknown[],
  opts: CreateOptions,
): Promise<PreparedCreateResult[]> {
  const all = await guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts, false);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'create');
    if (denied) return denied;
    return { ok: true as const, results: valueSets.map((v) => prepared(call, v, opts)) };
  });
  return all.ok ? all.results : valueSets.map(() => all);
}

function prepared(call: Call, values: unknown, opts: CreateOptions): PreparedCreateResult {
  if (call.spec.version === null) return { ok: true, prepared: null };
  const p = prepareValues(call, values, opts);
  return {
    ok: true,
    prepared: {
      entity: call.model.key,
      specVersion: call.spec.version,
      actor: actorKey(call),
      locale: call.locale,
      next: p.next,
      changed: p.changed,
      errors: p.errors,
    },
  };
}

/** The stored row of a new record (id, owner, stage, SLA); shared with `createRecords`. */
export function newRow(call: Call, next: RecordData, stage: string | null): RecordData {
  const id = call.rt.ids.next();
  const owned = call.model.entity.owned !== false;
  // Assigned, not spread over the field values (record-copy.ts says why).
  const row = fieldValues(call, next);
  row.id = id;
  row.createdAt = call.now;
  row.createdBy = call.actor.userId ?? null;
  // People own what they create; intake and automations leave it to assignment (or the pool).
  row.ownerId =
    next.ownerId ?? (owned && call.actor.kind === 'user' ? (call.actor.userId ?? null) : null);
  row.teamId = next.teamId ?? null;
  row.stage = stage;
  row.stageEnteredAt = stage === null ? null : call.now;
  row.lastActivityAt = null;
  row.slaDueAt = slaDueAt(call, stage, call.now, null, row.ownerId);
  return row;
}

/** Fields of a new record that have a value (its `$created` history row holds them). */
export function filledFields(call: Call, record: RecordData): string[] {
  return [...call.model.fields.keys(), 'ownerId', 'teamId'].filter((k) => !isEmptyValue(record[k]));
}

/** The first stage transition of a new record (null: the entity has no stages). */
export function firstTransition(call: Call, id: string, stage: string | null) {
  if (stage === null) return null;
  return {
    id: call.rt.ids.next(),
    entity: call.model.key,
    recordId: id,
    fromStage: null,
    toStage: stage,
    actorId: call.actor.userId ?? null,
    via: call.via,
    at: call.now,
    dwellMs: null,
  };
}

/**
 * The store refused a new row after its first transition was written: thrown so the unit rolls
 * back (the transition must not stay), answered as `failure` by `createRecord`.
 */
class RefusedRow extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
  }
}

function refusedRow(error: unknown): Failure {
  if (error instanceof RefusedRow) return error.failure;
  throw error;
}

/** The ledger entry of a new record's first holder. */
export function firstOwner(call: Call, record: RecordData) {
  return {
    id: call.rt.ids.next(),
    entity: call.model.key,
    recordId: String(record.id),
    before: null,
    after: holderOf(record),
    actorId: call.actor.userId ?? null,
    via: call.via,
    at: call.now,
  };
}

async function insert(
  call: Call,
  next: RecordData,
  stage: string | null,
  opts: CreateOptions,
): Promise<RecordResult> {
  const row = newRow(call, next, stage);
  const id = String(row.id);
  // The first transition and the intake's touch go in before the row, as a batch does
  // (create-many.ts): the row's report triggers then file the record under its entered stage and
  // its first touch's campaign at once. Written after it, the transition's trigger moved the
  // record again (two more group upserts, a group row made and deleted), and the first touch's
  // moved its first-touch rows (two more group changes and an update of each row,
  // docs/reports.md). One store call for all of a create's rows: on SQLite it runs them
  // synchronously instead of in six repository calls with their promises and the waits between
  // them (with the store's leaner row insert, ~5 µs less CPU a create: docs/deploy.md, session
  // 29); on PostgreSQL it sends them in this order together.
  const res = await records(call).create(
    call.model.key,
    row,
    {
      transition: firstTransition(call, id, stage),
      touch: opts.touch ? touchRow(call, id, opts.touch) : null,
      after: (record) => ({
        history: createdRow(call, id, record, filledFields(call, record)),
        // No ledger row (nor its id) for a record nobody holds yet (intake's, before assignment).
        ownership: holderChanged(null, holderOf(record))
          ? ledgerRow(firstOwner(call, record))
          : null,
        event: event(call, 'record.created', id, { record }, opts.depth ?? 0),
      }),
    },
    { now: call.now },
  );
  // The transition and touch are written: thrown so the unit rolls back.
  if (!res.ok) throw new RefusedRow(storeFailure(call, res.error, id));
  return { ok: true, record: visible(call, res.value) };
}
