import { parseDuration } from './duration';
import { PERIODS, type Period } from './zoned';

/** Allowed argument counts [min, max] per operator; operators not listed take any number. */
const arity: Record<string, [number, number]> = {
  var: [0, 2],
  missing_some: [2, 2],
  '==': [2, 2],
  '===': [2, 2],
  '!=': [2, 2],
  '!==': [2, 2],
  '>': [2, 2],
  '>=': [2, 2],
  '<': [2, 3],
  '<=': [2, 3],
  '!': [1, 1],
  '!!': [1, 1],
  '%': [2, 2],
  '/': [2, 2],
  '-': [1, 2],
  in: [2, 2],
  substr: [2, 3],
  map: [2, 2],
  filter: [2, 2],
  all: [2, 2],
  some: [2, 2],
  none: [2, 2],
  reduce: [2, 3],
  now: [0, 0],
  daysSince: [1, 1],
  hoursSince: [1, 1],
  addDuration: [2, 2],
  startOf: [1, 2],
  isEmpty: [1, 1],
  startsWith: [2, 2],
  contains: [2, 2],
  length: [1, 1],
  sha256: [1, 8],
  enteredStage: [1, 3],
  leftStage: [1, 3],
  changed: [1, 1],
  changedTo: [2, 2],
  changedFrom: [2, 2],
};

const expected: Record<string, { 'zh-CN': string; en: string }> = {
  changed: { 'zh-CN': '一个字段名', en: 'one field name' },
  changedTo: { 'zh-CN': '[字段名, 值]', en: '[field name, value]' },
  changedFrom: { 'zh-CN': '[字段名, 值]', en: '[field name, value]' },
  enteredStage: {
    'zh-CN': '[阶段, 起始时间?, 截止时间?]（时间为毫秒数或 null）',
    en: '[stage, from?, to?] (times in epoch ms or null)',
  },
  leftStage: {
    'zh-CN': '[阶段, 起始时间?, 截止时间?]（时间为毫秒数或 null）',
    en: '[stage, from?, to?] (times in epoch ms or null)',
  },
  missing_some: { 'zh-CN': '[最少数量, [字段名...]]', en: '[minimum count, [field names...]]' },
  startOf: {
    'zh-CN': '["day" | "week" | "month" | "year", 日期?]',
    en: '["day" | "week" | "month" | "year", date?]',
  },
};

/** Localized description of what an operator expects, for badArguments messages. */
export function expectedArgs(op: string, locale: 'zh-CN' | 'en'): string {
  const e = expected[op];
  if (e) return e[locale];
  const [min, max] = arity[op] ?? [0, Infinity];
  if (locale === 'zh-CN') return min === max ? `${min} 个参数` : `${min} 到 ${max} 个参数`;
  return min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
}

/** 'badArguments', 'badDuration' (with the literal) or null when the arguments fit. */
export function argumentProblem(
  op: string,
  args: unknown[],
): { code: 'logic.badArguments' } | { code: 'logic.badDuration'; value: string } | null {
  const range = arity[op];
  if (range && (args.length < range[0] || args.length > range[1]))
    return { code: 'logic.badArguments' };
  const fieldArg = args[0];
  if (
    (op === 'changed' || op === 'changedTo' || op === 'changedFrom') &&
    typeof fieldArg !== 'string'
  )
    return { code: 'logic.badArguments' };
  if (
    op === 'missing_some' &&
    (typeof args[0] !== 'number' ||
      (!Array.isArray(args[1]) && (typeof args[1] !== 'object' || args[1] === null)))
  ) {
    return { code: 'logic.badArguments' };
  }
  if ((op === 'enteredStage' || op === 'leftStage') && !stageMoveArgs(args))
    return { code: 'logic.badArguments' };
  if (op === 'startOf' && typeof args[0] === 'string' && !PERIODS.includes(args[0] as Period))
    return { code: 'logic.badArguments' };
  if (op === 'addDuration' && typeof args[1] === 'string' && parseDuration(args[1]) === null)
    return { code: 'logic.badDuration', value: args[1] };
  return null;
}

/** A stage key, then two optional bounds: a number, null, or an operation such as startOf. */
function stageMoveArgs(args: unknown[]): boolean {
  const bound = (v: unknown) =>
    v === undefined ||
    v === null ||
    typeof v === 'number' ||
    (typeof v === 'object' && !Array.isArray(v));
  return typeof args[0] === 'string' && args[0] !== '' && bound(args[1]) && bound(args[2]);
}
