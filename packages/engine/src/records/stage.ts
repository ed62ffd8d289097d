import { parseDuration } from '@trellis/logic';
import type { FieldError } from '../i18n/errors';
import { localized } from '../i18n/messages';
import type { RecordData } from '../ports';
import { computeSlaDueAt } from '../scheduler/sla';
import type { Call } from './call';
import { checkStageGate, type EvidenceActivity } from '@trellis/rules';

/** Activities logged on a record since `since` (its stage entry): the evidence a gate may ask for. */
function evidenceSince(
  call: Call,
  recordId: string,
  since: number | null,
): Promise<EvidenceActivity[]> {
  return call.db.activities.loggedSince(call.model.key, recordId, since ?? 0);
}

/**
 * Gate check for moving `current` (null on create) to stage `to` with the record becoming `next`.
 * A new record has no evidence and no source stage, so only requires/enterIf apply to it.
 */
export async function gateErrors(
  call: Call,
  to: string,
  next: RecordData,
  current: RecordData | null,
): Promise<FieldError[]> {
  const from = current ? ((current.stage as string | null) ?? null) : null;
  const evidence = current
    ? await evidenceSince(
        call,
        current.id as string,
        (current.stageEnteredAt as number | null) ?? null,
      )
    : null;
  return checkStageGate({
    model: call.model,
    from,
    to,
    record: next,
    evidence,
    locale: call.locale,
    now: call.now,
    ...(call.user ? { user: call.user } : {}),
    activityLabel: (type, locale) => localized(call.spec.activityType(type)?.label, locale, type),
  });
}

/**
 * SLA due time of a record in `stage` (null when the stage has no SLA). A record of an owned
 * entity without an owner is not armed: its SLA asks someone to act, and a pool record has nobody
 * to remind; the clock starts when it gets an owner (see update.ts).
 */
export function slaDueAt(
  call: Call,
  stage: string | null,
  stageEnteredAt: number | null,
  lastActivityAt: number | null,
  ownerId: unknown,
): number | null {
  if (!stage) return null;
  if (call.model.entity.owned !== false && (ownerId === null || ownerId === undefined)) return null;
  const sla = call.model.stages.get(stage)?.sla;
  return computeSlaDueAt(sla, { stageEnteredAt, lastActivityAt }, parseDuration)?.dueAt ?? null;
}
