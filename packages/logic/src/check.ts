import { fieldRefs } from './analyse';
import { argumentProblem, expectedArgs } from './check-arguments';
import { issue, pointer } from './errors';
import { resolveLimits } from './limits';
import type { CheckOptions, LogicIssue } from './types';
import { walk } from './walk';

const USER_FIELDS = new Set(['id', 'teams', 'roles']);

/**
 * Static check of an expression against the fields of an entity and an operator allowlist.
 * Returns issues (JSON pointers relative to the expression); never throws.
 * `known` is every operator the engine can evaluate.
 */
export function checkExpression(
  expr: unknown,
  opts: CheckOptions,
  known: ReadonlySet<string>,
): LogicIssue[] {
  const locale = opts.locale ?? 'zh-CN';
  const limits = resolveLimits(opts.limits);
  const issues: LogicIssue[] = [];
  let nodes = 0;
  let limitHit = false;
  walk(expr, {
    node: (value, path, depth) => {
      if (limitHit) return false;
      if (++nodes > limits.maxNodes) {
        issues.push(issue('', 'logic.tooLarge', { max: limits.maxNodes }, locale));
        limitHit = true;
        return false;
      }
      if (depth > limits.maxDepth) {
        issues.push(issue(path, 'logic.tooDeep', { max: limits.maxDepth }, locale));
        limitHit = true;
        return false;
      }
      if (typeof value === 'string' && value.length > limits.maxStringLength) {
        issues.push(issue(path, 'logic.stringTooLong', { max: limits.maxStringLength }, locale));
      }
      if (Array.isArray(value) && value.length > limits.maxArrayLength) {
        issues.push(issue(path, 'logic.arrayTooLong', { max: limits.maxArrayLength }, locale));
        return false;
      }
      return true;
    },
  });
  if (limitHit) return issues;
  const allowed = opts.operators ? new Set(opts.operators) : null;
  walk(expr, {
    op: ({ op, args, path }) => {
      const at = pointer(path, op);
      if (!known.has(op))
        issues.push(issue(path, 'logic.unknownOperator', { operator: op }, locale));
      else if (allowed && !allowed.has(op))
        issues.push(issue(path, 'logic.operatorNotAllowed', { operator: op }, locale));
      const problem = argumentProblem(op, args);
      if (problem?.code === 'logic.badArguments') {
        issues.push(
          issue(at, problem.code, { operator: op, expected: expectedArgs(op, locale) }, locale),
        );
      } else if (problem) issues.push(issue(at, problem.code, { value: problem.value }, locale));
    },
  });
  const fields = new Set(opts.fields);
  const seen = new Set<string>();
  for (const ref of fieldRefs(expr).refs) {
    // changed* report the same key as a record and a previous read: one issue is enough.
    if (seen.has(ref.path)) continue;
    seen.add(ref.path);
    if (ref.field === null) {
      if (ref.source === 'record') issues.push(issue(ref.path, 'logic.dynamicField', {}, locale));
    } else if (ref.source === 'user') {
      if (!USER_FIELDS.has(ref.field))
        issues.push(issue(ref.path, 'logic.unknownField', { field: `$user.${ref.field}` }, locale));
    } else if (!fields.has(ref.field)) {
      issues.push(issue(ref.path, 'logic.unknownField', { field: ref.field }, locale));
    }
  }
  return issues;
}
