import { operatorsFor } from '../../lib/condition/operators';
import type { ConditionField, ConditionRule, ConditionScope } from '../../lib/condition/types';

/** A fresh rule on a field: its first operator, no value yet. */
export function newRule(field: ConditionField, scope: ConditionScope): ConditionRule {
  const op = operatorsFor(field.kind, scope)[0];
  return { kind: 'rule', field: field.key, op: op?.key ?? 'notEmpty' };
}
