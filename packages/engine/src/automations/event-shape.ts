import type { RecordData } from '../ports';
import { isObject } from './config';
import type { AutomationEvent, Subject, TriggerContext } from './types';

/**
 * Tolerant readers of outbox payloads written by the record write path. The canonical names
 * are listed first; the alternatives keep old events readable if a payload shape evolves.
 */
export function payloadString(e: AutomationEvent, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = e.payload[k];
    if (typeof v === 'string') return v;
  }
  return null;
}

/** Values before the change (record.updated), or null. */
function beforeOf(e: AutomationEvent): RecordData | null {
  const b = e.payload.before;
  return isObject(b) ? b : null;
}

/** Values after the change / the record snapshot in the event, or null. */
function afterOf(e: AutomationEvent): RecordData | null {
  const a = e.payload.after ?? e.payload.record;
  return isObject(a) ? a : null;
}

/** Field keys changed by a record.updated event. */
export function changedOf(e: AutomationEvent): string[] {
  const c = e.payload.changed ?? e.payload.fields ?? e.payload.changedFields;
  if (Array.isArray(c)) return c.filter((x): x is string => typeof x === 'string');
  const b = beforeOf(e);
  const a = afterOf(e);
  if (a) return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b?.[k]));
  return [];
}

/**
 * The event's own record as a subject: the current stored record (actions act on the present),
 * falling back to the snapshot in the event when it is gone; `previous` is the record with the
 * changed fields put back to their values before the change.
 */
export async function recordSubject(
  e: AutomationEvent,
  ctx: TriggerContext,
  withPrevious = false,
): Promise<Subject> {
  const entity = e.entity;
  const id = e.recordId;
  const current = entity && id ? await ctx.getRecord(entity, id) : null;
  const record = current ?? afterOf(e);
  // The payload is parsed only when needed (record.created's subject never needs it).
  const previous = withPrevious && record ? { ...record, ...(beforeOf(e) ?? {}) } : null;
  return { entity, recordId: id, record, previous };
}
