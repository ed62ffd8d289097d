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
export { formatPhone, phoneHref } from './normalize/phone-display';
export { isKnownRegion, regionCode } from './normalize/region';
export {
  asText,
  hasControlChar,
  normalizeBlock,
  normalizeLine,
  parseNumberText,
} from './normalize/text';
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
export { AJV_FORMATS, createAjv, type ErrorObject } from './validation/ajv';
export { localizeAjvErrors } from './validation/localize';
export { formValueSchema, standaloneValidatorModule } from './validation/standalone';
export { interpretedValidator } from './validation/interpreted';
export {
  loadStandaloneValidator,
  STANDALONE_RUNTIME_MODULES,
  standaloneRequire,
} from './validation/standalone-runtime';
export { isEmptyValue } from './validation/empty';
export { buildEntitySchema, isComputed } from './validation/entity-schema';
export { fieldLabel, validateRecord, type ValidationContext } from './validation/validate-record';
export {
  createEntityModel,
  type EntityModel,
  type RecordValidator,
  type ValidatorError,
} from './model/entity-model';
export { createSpecModel, type SpecModel } from './model/spec-model';
export type { MetadataJson, RegionInfo, RegionSource, RuleEnv } from './env/types';
export { fullEnv } from './env/full-env';
export {
  ALL_CALLING_CODES,
  createRuleEnv,
  SMALL_PHONE_CALLING_CODES,
  smallPhoneMetadata,
} from './env/light-env';
export { computeFormulas } from './formulas/formulas';
export { checkStageGate, type EvidenceActivity, type GateInput } from './stage/stage-gate';
export * from './forms/index';
