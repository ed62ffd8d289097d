import type { StoredRecord } from '@trellis/store';
import { engineError, validationFailure, type Failure, type FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import type { Call } from './call';

const STAGE_CODES = new Set([
  'stage_transition',
  'stage_requires',
  'stage_enter_if',
  'stage_evidence',
]);

/**
 * The failure for a list of problems: `stage_gate` when every problem is a stage-gate refusal
 * (the caller is told what is missing to enter the stage), `validation` otherwise. A stage that
 * does not exist is not a gate with something missing: it is `validation` and says so.
 */
export function problems(call: Call, all: FieldError[], stage?: string): Failure {
  // Errors about fields hidden from the caller would reveal them (a required hidden field).
  const errors = call.rt.redaction.errors(call.actor, call.model.key, all);
  const unknown = errors.find((e) => e.code === 'stage_unknown');
  if (unknown)
    return { ok: false, error: { code: 'validation', message: unknown.message, errors } };
  if (stage !== undefined && errors.every((e) => STAGE_CODES.has(e.code))) {
    const label = call.model.stages.get(stage)?.label;
    const name = label?.[call.locale] ?? label?.['zh-CN'] ?? stage;
    return engineError(
      'stage_gate',
      call.locale,
      'stageGate',
      { stage: name, count: errors.length },
      errors,
      { stage },
    );
  }
  return validationFailure(call.locale, errors);
}

/** The record as the actor may see it (hidden fields removed by the permission port). */
export function visible(call: Call, record: StoredRecord): StoredRecord {
  return call.rt.redaction.record(call.actor, call.model.key, record);
}

/** Field values and writable system fields of a record, as a store write input. */
export function fieldValues(call: Call, record: RecordData, keys?: readonly string[]): RecordData {
  const out: RecordData = {};
  for (const key of keys ?? call.model.fields.keys()) out[key] = record[key] ?? null;
  return out;
}

/** Fields the permission port hides from this call's actor (empty without a `redact`). */
export function hiddenFields(call: Call): ReadonlySet<string> {
  return call.rt.redaction.hiddenFields(call.actor, call.model.key);
}
