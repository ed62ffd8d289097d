export * from './registry';
export type { FieldTypeDef, JsonSchema, LogicType } from './types';
export { OptionSchema } from './choice';
export type { OptionSpec, SelectFieldSpec, MultiselectFieldSpec } from './choice';
export type {
  TextFieldSpec,
  LongtextFieldSpec,
  EmailFieldSpec,
  PhoneFieldSpec,
  UrlFieldSpec,
} from './text';
export type { NumberFieldSpec, PercentFieldSpec, MoneyFieldSpec } from './number';
export type { DateFieldSpec, DatetimeFieldSpec, BooleanFieldSpec } from './temporal';
export type { RelationFieldSpec, UserFieldSpec } from './reference';
export type { FileFieldSpec } from './file';
export type { RegionFieldSpec } from './region';
export type { FormulaFieldSpec } from './formula';
export { FORMULA_RESULT_TYPES } from './formula';
