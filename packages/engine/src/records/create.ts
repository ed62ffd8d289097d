import type { RecordData } from '../ports';
import { isEmptyValue } from '../validation/empty';
import {
  authorize,
  beginCall,
  callLocale,
  guard,
  isFailure,
  storeFailure,
  timed,
  type Call,
} from './call';
import { duplicate } from './duplicate';
import { mergeInto } from './merge';
import { createdRow, emit, writeTouch } from './journal';
import { fieldValues, problems, visible } from './outcome';
import { prepare } from './prepare';
import type { Runtime } from './runtime';
import { capturedRefused, withCaptured } from './capture';
import { peopleErrors } from './people';
import { relationErrors } from './references';
import { uniqueErrors } from './unique';
import { gateErrors, slaDueAt } from './stage';
import type { CreateOptions, RecordResult } from './types';

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
): RecordResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'create');
    if (denied) return denied;
    // A captured link parameter the field refuses (say a utm_campaign not matching the field's
    // pattern) is dropped rather than losing the lead.
    const captured = withCaptured(call, values, opts.touch);
    let p = prepare(call, captured.values, null);
    if (captured.fields.length > 0 && capturedRefused(p.errors, captured.fields))
      p = prepare(call, values, null);
    const next = p.next;
    const requested = typeof next.stage === 'string' ? next.stage : null;
    const stage = requested ?? call.model.initialStage;
    const errors = [...p.errors];
    // Starting in the first stage is always allowed; starting later must pass that stage's gate.
    if (requested !== null && requested !== call.model.initialStage) {
      errors.push(...timed(call, 'gate', () => gateErrors(call, requested, next, null)));
    }
    // An intake merge may lack required values the existing record already has (a WeChat lead
    // with only a WeChat id): missing values wait for the identity lookup, other errors do not.
    const missingOnly =
      opts.mode === 'merge' &&
      errors.every((e) => e.code === 'required' || e.code === 'requiredIf');
    if (errors.length > 0 && !missingOnly) return problems(call, errors, requested ?? undefined);

    return timed(call, 'transaction', () =>
      rt.db.transaction((): RecordResult => {
        const matches = timed(call, 'identity', () =>
          call.model.identity.length > 0 && opts.mode !== 'create'
            ? call.live.store.findByIdentity(entity, next)
            : [],
        );
        const first = matches[0];
        if (first) {
          if (opts.mode === 'merge') return mergeInto(call, first.record, next, p.changed, opts);
          return duplicate(call, first.record, first.key);
        }
        if (errors.length > 0) return problems(call, errors);
        const taken = timed(call, 'identity', () => [
          ...uniqueErrors(call, next, call.model.fields.keys()),
          ...relationErrors(call, next, call.model.fields.keys()),
          ...peopleErrors(call, next, p.changed),
        ]);
        if (taken.length > 0) return problems(call, taken);
        return timed(call, 'write', () => insert(call, next, stage, opts));
      }),
    );
  });
}

function insert(
  call: Call,
  next: RecordData,
  stage: string | null,
  opts: CreateOptions,
): RecordResult {
  const id = call.rt.ids.next();
  const owned = call.model.entity.owned !== false;
  const row: RecordData = {
    ...fieldValues(call, next),
    id,
    createdAt: call.now,
    createdBy: call.actor.userId ?? null,
    // People own what they create; intake and automations leave it to assignment (or the pool).
    ownerId:
      next.ownerId ?? (owned && call.actor.kind === 'user' ? (call.actor.userId ?? null) : null),
    teamId: next.teamId ?? null,
    stage,
    stageEnteredAt: stage === null ? null : call.now,
    lastActivityAt: null,
    slaDueAt: slaDueAt(call, stage, call.now, null),
  };
  const res = call.live.store.insert(call.model.key, row, { now: call.now });
  if (!res.ok) return storeFailure(call, res.error, id);
  const record = res.value;
  const filled = [...call.model.fields.keys(), 'ownerId', 'teamId'].filter(
    (k) => !isEmptyValue(record[k]),
  );
  call.live.store.writeHistory([createdRow(call, id, record, filled)]);
  if (stage !== null) {
    call.live.store.writeTransition({
      id: call.rt.ids.next(),
      entity: call.model.key,
      recordId: id,
      fromStage: null,
      toStage: stage,
      actorId: call.actor.userId ?? null,
      via: call.via,
      at: call.now,
      dwellMs: null,
    });
  }
  if (opts.touch) writeTouch(call, id, opts.touch);
  emit(call, 'record.created', id, { record }, opts.depth ?? 0);
  return { ok: true, record: visible(call, record) };
}
