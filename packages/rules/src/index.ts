// The pure record rules, shared by the engine (server) and the form runtime (browser).
export type { FieldError, Locale, RecordData, RuleUser, Via } from './types';
export {
  interpolate,
  localized,
  resolveLocale,
  ruleMessage,
  ruleMessages,
  type RuleMessageKey,
} from './i18n/messages';
export { fieldError, pointer } from './i18n/errors';
export { normalizeEmail, type EmailResult } from './normalize/email';
export { normalizePhone, type PhoneResult } from './normalize/phone';
export { isKnownRegion, regionCode } from './normalize/region';
export { asText, normalizeBlock, normalizeLine, parseNumberText } from './normalize/text';
export {
  fieldNormalizers,
  normalizeFieldValue,
  type Normalized,
} from './normalize/field-normalizers';
export {
  ENGINE_SYSTEM_FIELDS,
  normalizeInput,
  sameValue,
  WRITABLE_SYSTEM_FIELDS,
  type NormalizedInput,
  type NormalizeOptions,
} from './normalize/normalize-input';
export { createAjv, localizeAjvErrors, type ErrorObject } from './validation/ajv';
export { isEmptyValue } from './validation/empty';
export { buildEntitySchema, isComputed } from './validation/entity-schema';
export { fieldLabel, validateRecord, type ValidationContext } from './validation/validate-record';
export { createSpecModel, type EntityModel, type SpecModel } from './model/entity-model';
export { computeFormulas } from './formulas/formulas';
export { checkStageGate, type EvidenceActivity, type GateInput } from './stage/stage-gate';
