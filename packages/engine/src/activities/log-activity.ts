import {
  engineError,
  fieldError,
  invalidCursor,
  validationFailure,
  type FieldError,
} from '../i18n/errors';
import {
  authorize,
  beginCall,
  callLocale,
  guard,
  inTransaction,
  isFailure,
  records,
  storeFailure,
  type Call,
} from '../records/call';
import { hasControlChar, normalizeBlock } from '@trellis/rules';
import { emit } from '../records/journal';
import type { Runtime } from '../records/runtime';
import { slaDueAt } from '../records/stage';
import type { CallOptions, PageOptions, WriteOptions } from '../records/types';
import { loadForWrite } from '../records/existing-write';
import type { Activity, ActivityInput, ActivityListResult, ActivityResult, FileRef } from './types';

/**
 * Logs an activity on a record. When its type counts as contact (default), the record's
 * `lastActivityAt` moves to the activity time and the stage's "no activity" SLA due time is
 * recomputed. One transaction; one `activity.logged` outbox event.
 */
export function logActivity(
  rt: Runtime,
  entity: string,
  recordId: string,
  input: ActivityInput,
  opts: WriteOptions,
): Promise<ActivityResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const outer = await beginCall(rt, entity, opts);
    if (isFailure(outer)) return outer;
    const errors = checkInput(outer, input);
    if (errors.length > 0) return validationFailure(outer.locale, errors);
    return inTransaction(outer, async (call): Promise<ActivityResult> => {
      const record = await loadForWrite(call, recordId, undefined);
      if (isFailure(record)) return record;
      const denied = authorize(call, 'update', record);
      if (denied) return denied;
      const type = call.spec.activityType(input.type);
      const countsAsContact = type?.countsAsContact !== false;
      const activity: Activity = {
        id: rt.ids.next(),
        entity,
        recordId,
        type: input.type,
        body: typeof input.body === 'string' ? normalizeBlock(input.body) : null,
        occurredAt: input.occurredAt ?? call.now,
        actorId: call.actor.userId ?? null,
        attachments: input.attachments ?? [],
        meta: input.meta ?? null,
        createdAt: call.now,
      };
      await call.db.activities.insert(activity);
      let current = record;
      // A contact time in the future (a planned call typed in early) must not silence the SLA.
      const contactAt = Math.min(activity.occurredAt, call.now);
      if (countsAsContact && contactAt > (record.lastActivityAt ?? -Infinity)) {
        const lastActivityAt = contactAt;
        const due = slaDueAt(
          call,
          record.stage,
          record.stageEnteredAt,
          lastActivityAt,
          record.ownerId,
        );
        const res = await records(call).update(
          entity,
          recordId,
          { lastActivityAt, slaDueAt: due },
          record.version,
          { now: call.now },
        );
        if (!res.ok) return storeFailure(call, res.error, recordId);
        current = res.value;
      }
      await emit(
        call,
        'activity.logged',
        recordId,
        { activity, activityType: activity.type, countsAsContact, record: current },
        opts.depth ?? 0,
      );
      return { ok: true, activity };
    });
  });
}

function checkInput(call: Call, input: ActivityInput): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof input !== 'object' || input === null)
    return [
      fieldError(call.locale, '', 'type', 'invalidInput', { detail: 'activity must be an object' }),
    ];
  if (typeof input.type !== 'string' || !call.spec.activityType(input.type)) {
    errors.push(
      fieldError(call.locale, '/type', 'unknown_activity_type', 'unknownActivityType', {
        type: String(input.type),
      }),
    );
  }
  // Only whitespace and invisible characters (zero-width spaces) is no body.
  const hasBody = typeof input.body === 'string' && normalizeBlock(input.body) !== null;
  if (input.body !== undefined && input.body !== null && typeof input.body !== 'string') {
    errors.push(
      fieldError(call.locale, '/body', 'type', 'invalidInput', { detail: 'body must be text' }),
    );
  }
  if (typeof input.body === 'string' && input.body.length > MAX_ACTIVITY_BODY)
    errors.push(
      fieldError(call.locale, '/body', 'too_long', 'bodyTooLong', { max: MAX_ACTIVITY_BODY }),
    );
  else if (typeof input.body === 'string' && hasControlChar(input.body, true))
    errors.push(fieldError(call.locale, '/body', 'invalid_characters', 'bodyControlChars'));
  if (
    input.attachments !== undefined &&
    (!Array.isArray(input.attachments) || !input.attachments.every(isFileRef))
  ) {
    errors.push(
      fieldError(call.locale, '/attachments', 'type', 'invalidInput', {
        detail: 'attachments must be {id, name, size, mime} objects',
      }),
    );
  }
  if (!hasBody && !(Array.isArray(input.attachments) && input.attachments.length > 0)) {
    errors.push(fieldError(call.locale, '/body', 'required', 'emptyBody'));
  }
  if (
    input.occurredAt !== undefined &&
    (typeof input.occurredAt !== 'number' ||
      !Number.isInteger(input.occurredAt) ||
      input.occurredAt < 0)
  ) {
    errors.push(
      fieldError(call.locale, '/occurredAt', 'type', 'invalidInput', {
        detail: 'occurredAt must be epoch milliseconds',
      }),
    );
  }
  return errors;
}

/** The longest activity body (a long call note is ~2,000 characters; a pasted email thread more). */
const MAX_ACTIVITY_BODY = 10_000;

function isFileRef(f: unknown): f is FileRef {
  if (typeof f !== 'object' || f === null) return false;
  const r = f as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.size === 'number' &&
    typeof r.mime === 'string'
  );
}

/** A page of the activities of a record the actor may read, newest first (by when they happened). */
export function listActivities(
  rt: Runtime,
  entity: string,
  recordId: string,
  opts: CallOptions & PageOptions,
): Promise<ActivityListResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const record = await records(call).get(entity, recordId, { includeDeleted: true });
    if (!record) return engineError('not_found', call.locale, 'notFound', { entity, id: recordId });
    const denied = authorize(call, 'read', record);
    if (denied) return denied;
    const page = await call.db.activities.page(entity, recordId, {
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      cursor: opts.cursor ?? null,
    });
    if (!page) return invalidCursor(call.locale);
    return {
      ok: true,
      activities: await Promise.all(page.items.map((a) => rt.redaction.activity(call.actor, a))),
      nextCursor: page.nextCursor,
    };
  });
}
