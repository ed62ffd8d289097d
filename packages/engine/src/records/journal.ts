import type { HistoryRow, NewOutboxEvent, Touch } from '@trellis/store';
import type { RecordData } from '../ports';
import type { Call } from './call';
import type { TouchInput } from './types';

/** Field-level history rows of one change (stage changes go to stage_transitions instead). */
export function historyRows(
  call: Call,
  changeId: string,
  recordId: string,
  before: RecordData | null,
  after: RecordData,
  fields: readonly string[],
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const field of fields) {
    if (field === 'stage') continue;
    rows.push({
      id: call.rt.ids.next(),
      changeId,
      entity: call.model.key,
      recordId,
      field,
      before: before?.[field] ?? null,
      after: after[field] ?? null,
      actorId: call.actor.userId ?? null,
      via: call.via,
      at: call.now,
    });
  }
  return rows;
}

/** History field name of the row that records a creation (its `after` holds the initial values). */
export const CREATED_FIELD = '$created';

/**
 * The history of a creation: one row whose `after` is the initial non-empty values. Later field
 * rows carry `before`, so every field's first value stays recoverable without a row per field.
 */
export function createdRow(
  call: Call,
  recordId: string,
  record: RecordData,
  fields: readonly string[],
): HistoryRow {
  return {
    id: call.rt.ids.next(),
    changeId: call.rt.ids.next(),
    entity: call.model.key,
    recordId,
    field: CREATED_FIELD,
    before: null,
    after: pick(record, fields),
    actorId: call.actor.userId ?? null,
    via: call.via,
    at: call.now,
  };
}

/** Appends the one outbox event of a committed change. */
export function emit(
  call: Call,
  type: string,
  recordId: string,
  payload: Record<string, unknown>,
  depth = 0,
): Promise<number> {
  return call.db.outbox.append(event(call, type, recordId, payload, depth));
}

/** The outbox event of a change (`emit` writes one; a bulk write appends many at once). */
export function event(
  call: Call,
  type: string,
  recordId: string,
  payload: Record<string, unknown>,
  depth = 0,
): NewOutboxEvent {
  return {
    id: call.rt.ids.next(),
    type,
    entity: call.model.key,
    recordId,
    payload: call.automations === false ? { ...payload, automations: false } : payload,
    actorId: call.actor.userId ?? null,
    via: call.via,
    depth,
    createdAt: call.now,
  };
}

/** Records an attribution touch (intake create or merge). */
export function writeTouch(call: Call, recordId: string, touch: TouchInput): Promise<void> {
  return call.db.touches.append(touchRow(call, recordId, touch));
}

/** The touches row of an attribution touch. */
export function touchRow(call: Call, recordId: string, touch: TouchInput): Touch {
  return {
    id: call.rt.ids.next(),
    entity: call.model.key,
    recordId,
    kind: touch.kind ?? call.via,
    sourceKey: touch.sourceKey ?? null,
    utmSource: touch.utmSource ?? null,
    utmMedium: touch.utmMedium ?? null,
    utmCampaign: touch.utmCampaign ?? null,
    utmContent: touch.utmContent ?? null,
    utmTerm: touch.utmTerm ?? null,
    referrer: touch.referrer ?? null,
    landingUrl: touch.landingUrl ?? null,
    at: call.now,
  };
}

/** Only the given keys of a record (for before/after payloads). */
export function pick(record: RecordData, keys: readonly string[]): RecordData {
  const out: RecordData = {};
  for (const k of keys) out[k] = record[k] ?? null;
  return out;
}
