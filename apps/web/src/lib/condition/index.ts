export { readCondition, writeCondition } from './condition-tree';
export { conditionFields, fieldKind } from './fields';
export { OPERATORS, operatorOf, operatorsFor } from './operators';
export type { ConditionOperator, OperatorValue } from './operators';
export type * from './types';
