import { tryEvaluate } from '@trellis/logic';
import { fieldError, pointer } from '../i18n/errors';
import { localized } from '../i18n/messages';
import type { FieldError, Locale, RecordData } from '../types';
import { isEmptyValue } from '../validation/empty';
import { fieldLabel } from '../validation/validate-record';
import type { EntityModel } from '../model/entity-model';

/** An activity logged on the record since it entered its current stage. */
export type EvidenceActivity = { type: string; hasAttachment: boolean };

export type GateInput = {
  model: EntityModel;
  /** Current stage (null on create). */
  from: string | null;
  to: string;
  /** The record as it would be after the change (patch applied, formulas computed). */
  record: RecordData;
  /** Activities since the current stage was entered; null on create, where evidence cannot exist and is not asked for. */
  evidence: readonly EvidenceActivity[] | null;
  locale: Locale;
  now: number;
  user?: { id: string; teams: string[]; roles: string[] };
  activityLabel: (type: string, locale: Locale) => string;
};

/**
 * Decides whether a record may enter stage `to`. Returns every missing thing — unknown stage,
 * transition not allowed from the current stage, required fields empty, `enterIf` not holding,
 * evidence activities not logged — so the refusal can list exactly what to do. Pure.
 */
export function checkStageGate(input: GateInput): FieldError[] {
  const { model, from, to, record, locale } = input;
  const target = model.stages.get(to);
  if (!target)
    return [fieldError(locale, '/stage', 'stage_unknown', 'stageUnknown', { stage: to })];
  const stage = localized(target.label, locale, to);
  const errors: FieldError[] = [];
  const source = from === null ? undefined : model.stages.get(from);
  if (source?.transitions && !source.transitions.includes(to)) {
    const allowed = source.transitions
      .map((k) => localized(model.stages.get(k)?.label, locale, k))
      .join(locale === 'zh-CN' ? '、' : ', ');
    errors.push(
      fieldError(locale, '/stage', 'stage_transition', 'stageTransition', {
        stage,
        from: localized(source.label, locale, source.key),
        allowed,
      }),
    );
  }
  // A lost stage asks for the pipeline's loss reason even when the stage does not list it.
  const lossField = target.category === 'lost' ? model.pipeline?.lossReasonField : undefined;
  const requires =
    lossField && !(target.requires ?? []).includes(lossField)
      ? [...(target.requires ?? []), lossField]
      : (target.requires ?? []);
  for (const key of requires) {
    if (isEmptyValue(record[key])) {
      const label = fieldLabel(model.fields.get(key), key, locale);
      errors.push(
        fieldError(locale, pointer(key), 'stage_requires', 'stageRequires', {
          stage,
          label,
          field: key,
        }),
      );
    }
  }
  if (target.enterIf !== undefined && target.enterIf !== null) {
    const r = tryEvaluate(target.enterIf, record, {
      now: input.now,
      ...(input.user ? { user: input.user } : {}),
    });
    const holds = r.ok && (Array.isArray(r.value) ? r.value.length > 0 : Boolean(r.value));
    if (!holds)
      errors.push(fieldError(locale, '/stage', 'stage_enter_if', 'stageEnterIf', { stage }));
  }
  const logged = input.evidence;
  if (logged !== null) {
    for (const ev of target.evidence ?? []) {
      const found = logged.some(
        (a) => a.type === ev.activityType && (!ev.withAttachment || a.hasAttachment),
      );
      if (found) continue;
      const activity = input.activityLabel(ev.activityType, locale);
      const key = ev.label
        ? 'stageEvidenceStated'
        : ev.withAttachment
          ? 'stageEvidenceAttachment'
          : 'stageEvidence';
      errors.push(
        fieldError(locale, '/stage', 'stage_evidence', key, {
          stage,
          activity,
          ...(ev.label ? { requirement: localized(ev.label, locale, ev.activityType) } : {}),
          activityType: ev.activityType,
          withAttachment: ev.withAttachment === true,
        }),
      );
    }
  }
  return errors;
}
