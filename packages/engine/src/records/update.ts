import type { StoredRecord } from '@trellis/store';
import { fieldError, type FieldError } from '../i18n/errors';
import { writeExisting } from './existing-write';
import type { RecordData } from '../ports';
import { records, storeFailure, timed, type Call } from './call';
import { duplicate } from './duplicate';
import { touchesIdentity } from './identity';
import { holderOf, writeOwnerChange } from '../ownership/ledger';
import { emit, historyRows, pick } from './journal';
import { together } from './together';
import { problems, visible } from './outcome';
import { prepare } from './prepare';
import type { Runtime } from './runtime';
import { peopleErrors } from './people';
import { relationErrors } from './references';
import { uniqueErrors } from './unique';
import { gateErrors, slaDueAt } from './stage';
import type { ChangeStageOptions, RecordResult, UpdateOptions } from './types';

/**
 * Updates a record through the one write path. Optimistic concurrency: the write applies only
 * if the record is still at `opts.version`. A `stage` in the patch goes through the stage gate
 * and emits `stage.changed` (carrying the other changed fields too); other changes emit one
 * `record.updated`. A patch that changes nothing writes nothing and emits nothing.
 */
export function updateRecord(
  rt: Runtime,
  entity: string,
  id: string,
  patch: unknown,
  opts: UpdateOptions,
): Promise<RecordResult> {
  return writeExisting(
    rt,
    entity,
    id,
    opts,
    'update',
    async (call, current): Promise<RecordResult> => {
      const p = prepare(call, patch, current);
      const errors = [...p.errors];
      const to = p.changed.includes('stage') ? (p.next.stage as string | null) : undefined;
      if (to !== undefined)
        errors.push(...(await timed(call, 'gate', () => stageProblems(call, to, p.next, current))));
      if (errors.length > 0) return problems(call, errors, to ?? undefined);
      if (p.changed.length === 0) return { ok: true, record: visible(call, current), changed: [] };
      if (touchesIdentity(call.model, p.changed)) {
        const clash = await timed(
          call,
          'identity',
          async () => (await records(call).findByIdentity(entity, p.next, { excludeId: id }))[0],
        );
        if (clash) return duplicate(call, clash.record, clash.key);
      }
      const taken = await timed(call, 'identity', async () => [
        ...(await uniqueErrors(call, p.next, p.changed, id)),
        ...(await relationErrors(call, p.next, p.changed)),
        ...(await peopleErrors(call, p.next, p.changed)),
      ]);
      if (taken.length > 0) return problems(call, taken);
      return timed(call, 'write', () => write(call, current, p.next, p.changed, to ?? null, opts));
    },
  );
}

/** Moves a record to `stage` (optionally writing `values` with it, e.g. the loss reason). */
export function changeStage(
  rt: Runtime,
  entity: string,
  id: string,
  stage: string,
  opts: ChangeStageOptions,
): Promise<RecordResult> {
  const { values, ...rest } = opts ?? ({} as ChangeStageOptions);
  const patch =
    typeof values === 'object' && values !== null && !Array.isArray(values) ? values : {};
  return updateRecord(rt, entity, id, { ...patch, stage }, rest);
}

async function stageProblems(
  call: Call,
  to: string | null,
  next: RecordData,
  current: RecordData,
): Promise<FieldError[]> {
  if (!call.model.pipeline)
    return [
      fieldError(call.locale, '/stage', 'stage_unknown', 'noPipeline', { entity: call.model.key }),
    ];
  if (to === null)
    return [fieldError(call.locale, '/stage', 'stage_unknown', 'stageUnknown', { stage: '' })];
  return gateErrors(call, to, next, current);
}

async function write(
  call: Call,
  current: StoredRecord,
  next: RecordData,
  changed: string[],
  to: string | null,
  opts: UpdateOptions,
): Promise<RecordResult> {
  const depth = opts.depth ?? 0;
  const row = pick(next, changed);
  if (to !== null) {
    row.stageEnteredAt = call.now;
    row.slaDueAt = slaDueAt(call, to, call.now, current.lastActivityAt, next.ownerId);
  } else if (changed.includes('ownerId')) {
    // A new owner gets the stage's full time from now: the clock is theirs, not the pool's.
    row.slaDueAt = slaDueAt(call, current.stage, call.now, current.lastActivityAt, next.ownerId);
  }
  const res = await records(call).update(call.model.key, current.id, row, current.version, {
    now: call.now,
  });
  if (!res.ok) return storeFailure(call, res.error, current.id);
  const record = res.value;
  const fields = changed.filter((k) => k !== 'stage');
  const payload: Record<string, unknown> = {
    changed,
    before: pick(current, changed),
    after: pick(record, changed),
    record,
  };
  const dwellMs =
    to === null || current.stageEnteredAt === null ? null : call.now - current.stageEnteredAt;
  // Independent rows, sent in this order without waiting for each other (together.ts): on
  // PostgreSQL they share one round trip; a failure still fails the whole update.
  await together([
    call.db.history.append(
      historyRows(call, call.rt.ids.next(), current.id, current, record, changed),
    ),
    writeOwnerChange(call.db, {
      id: call.rt.ids.next(),
      entity: call.model.key,
      recordId: current.id,
      before: holderOf(current),
      after: holderOf(record),
      actorId: call.actor.userId ?? null,
      via: call.via,
      at: call.now,
      note: opts.ownership,
    }),
    to !== null &&
      call.db.transitions.append({
        id: call.rt.ids.next(),
        entity: call.model.key,
        recordId: current.id,
        fromStage: current.stage,
        toStage: to,
        actorId: call.actor.userId ?? null,
        via: call.via,
        at: call.now,
        dwellMs,
      }),
    to !== null
      ? emit(
          call,
          'stage.changed',
          current.id,
          { from: current.stage, to, dwellMs, ...payload, fields },
          depth,
        )
      : emit(call, 'record.updated', current.id, payload, depth),
  ]);
  return { ok: true, record: visible(call, record), changed };
}
