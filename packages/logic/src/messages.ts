import type { Locale } from './types';

type Params = Record<string, unknown>;
type Template = (p: Params) => string;

/** Every issue code with its sentence in each locale. Codes are stable; messages may improve. */
const messages: Record<string, Record<Locale, Template>> = {
  'logic.unknownOperator': {
    'zh-CN': (p) => `未知的运算符 “${p.operator}”。`,
    en: (p) => `Unknown operator "${p.operator}".`,
  },
  'logic.operatorNotAllowed': {
    'zh-CN': (p) => `此处不允许使用运算符 “${p.operator}”。`,
    en: (p) => `The operator "${p.operator}" is not allowed here.`,
  },
  'logic.unknownField': {
    'zh-CN': (p) => `条件引用了不存在的字段 “${p.field}”。`,
    en: (p) => `The condition refers to a field "${p.field}" that does not exist.`,
  },
  'logic.dynamicField': {
    'zh-CN': () => '字段名必须是固定的文本，不能由表达式计算得出。',
    en: () => 'A field name must be fixed text, not computed by an expression.',
  },
  'logic.tooDeep': {
    'zh-CN': (p) => `条件嵌套过深（最多 ${p.max} 层）。`,
    en: (p) => `The condition is nested too deeply (at most ${p.max} levels).`,
  },
  'logic.tooLarge': {
    'zh-CN': (p) => `条件过大（最多 ${p.max} 个节点）。`,
    en: (p) => `The condition is too large (at most ${p.max} nodes).`,
  },
  'logic.arrayTooLong': {
    'zh-CN': (p) => `列表过长（最多 ${p.max} 项）。`,
    en: (p) => `A list is too long (at most ${p.max} items).`,
  },
  'logic.stringTooLong': {
    'zh-CN': (p) => `文本过长（最多 ${p.max} 个字符）。`,
    en: (p) => `A text is too long (at most ${p.max} characters).`,
  },
  'logic.tooManyIterations': {
    'zh-CN': (p) => `循环次数过多（最多 ${p.max} 次）。`,
    en: (p) => `Too many loop iterations (at most ${p.max}).`,
  },
  'logic.badArguments': {
    'zh-CN': (p) => `运算符 “${p.operator}” 的参数不正确：需要 ${p.expected}。`,
    en: (p) => `Wrong arguments for "${p.operator}": expected ${p.expected}.`,
  },
  'logic.badDuration': {
    'zh-CN': (p) => `无法识别的时长 “${p.value}”（例如 30m、48h、7d、2w、PT48H、P1M）。`,
    en: (p) => `"${p.value}" is not a duration (for example 30m, 48h, 7d, 2w, PT48H, P1M).`,
  },
  'logic.notInSqlSubset': {
    'zh-CN': (p) => `“${p.operator}” 不能用于筛选大量记录（不在可转换为 SQL 的子集中）。`,
    en: (p) =>
      `"${p.operator}" cannot be used to filter many records (it is not in the SQL subset).`,
  },
  'logic.sqlUnknownColumn': {
    'zh-CN': (p) => `字段 “${p.field}” 不能用于筛选。`,
    en: (p) => `The field "${p.field}" cannot be used in a filter.`,
  },
  'logic.sqlTypeMismatch': {
    'zh-CN': (p) => `无法在筛选中这样比较 ${p.detail}。`,
    en: (p) => `This comparison cannot be used in a filter: ${p.detail}.`,
  },
  'logic.operatorFailed': {
    'zh-CN': (p) => `运算符 “${p.operator}” 执行失败。`,
    en: (p) => `The operator "${p.operator}" failed.`,
  },
};

/** Localized sentence for an issue code; falls back to the code itself for unknown codes. */
export function message(code: string, params: Params, locale: Locale = 'zh-CN'): string {
  const entry = messages[code];
  if (!entry) return code;
  return (entry[locale] ?? entry['zh-CN'])(params);
}

/** All issue codes (for docs and tests). */
export const issueCodes = Object.keys(messages);
