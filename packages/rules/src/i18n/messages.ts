import type { Locale } from '../types';

/**
 * Messages of the record rules (zh-CN and en): the rules' own codes and one sentence per JSON
 * Schema keyword the field types use (validation/schema-messages.ts), each naming the field. `{name}` placeholders are filled from params. The engine
 * extends this catalogue with its own codes (duplicates, conflicts, permissions).
 */
export const ruleMessages = {
  validation: { 'zh-CN': '提交的数据有 {count} 处问题', en: 'The data has {count} problem(s)' },
  stageGate: {
    'zh-CN': '无法进入阶段“{stage}”：还缺 {count} 项',
    en: 'Cannot enter stage "{stage}": requirements not met ({count})',
  },
  stageRequires: {
    'zh-CN': '进入“{stage}”前必须填写“{label}”',
    en: '"{label}" must be filled before entering "{stage}"',
  },
  stageEnterIf: {
    'zh-CN': '不满足进入“{stage}”的条件',
    en: 'The condition for entering "{stage}" is not met',
  },
  stageTransition: {
    'zh-CN': '不能从“{from}”直接进入“{stage}”（允许：{allowed}）',
    en: 'Cannot move from "{from}" to "{stage}" (allowed: {allowed})',
  },
  stageEvidence: {
    'zh-CN': '进入“{stage}”前需要在当前阶段记录一条“{activity}”跟进',
    en: 'Log a "{activity}" activity in the current stage before entering "{stage}"',
  },
  // The evidence as the spec states it ("A trial class has been logged"): a condition, not an
  // activity's name, so it is not put in the "log a … activity" sentence.
  stageEvidenceStated: {
    'zh-CN': '进入“{stage}”前需要：{requirement}',
    en: 'Needed before entering "{stage}": {requirement}',
  },
  stageEvidenceAttachment: {
    'zh-CN': '进入“{stage}”前需要在当前阶段记录一条带附件的“{activity}”跟进',
    en: 'Log a "{activity}" activity with an attachment in the current stage before entering "{stage}"',
  },
  stageUnknown: { 'zh-CN': '阶段“{stage}”不存在', en: 'Stage "{stage}" does not exist' },
  required: { 'zh-CN': '“{label}”为必填项', en: '"{label}" is required' },
  requiredIf: { 'zh-CN': '根据条件，“{label}”为必填项', en: '"{label}" is required here' },
  unknownField: { 'zh-CN': '未知字段“{field}”', en: 'Unknown field "{field}"' },
  readOnly: { 'zh-CN': '“{label}”是只读字段', en: '"{label}" is read-only' },
  systemField: {
    'zh-CN': '系统字段“{field}”不能直接修改',
    en: 'System field "{field}" cannot be set directly',
  },
  invalidPhone: {
    'zh-CN': '“{label}”不是有效的电话号码',
    en: '"{label}" is not a valid phone number',
  },
  invalidEmail: {
    'zh-CN': '“{label}”不是有效的邮箱地址',
    en: '"{label}" is not a valid email address',
  },
  invalidValue: { 'zh-CN': '“{label}”：{detail}', en: '"{label}": {detail}' },
  badValue: { 'zh-CN': '“{label}”的值无效', en: '"{label}" has an invalid value' },
  tooLong: {
    'zh-CN': '“{label}”最多 {limit} 个字',
    en: '"{label}" can be at most {limit} characters long',
  },
  tooShort: {
    'zh-CN': '“{label}”至少要 {limit} 个字',
    en: '"{label}" must be at least {limit} characters long',
  },
  tooLarge: { 'zh-CN': '“{label}”不能大于 {limit}', en: '"{label}" can be at most {limit}' },
  tooSmall: { 'zh-CN': '“{label}”不能小于 {limit}', en: '"{label}" must be at least {limit}' },
  notBelow: { 'zh-CN': '“{label}”必须小于 {limit}', en: '"{label}" must be less than {limit}' },
  notAbove: { 'zh-CN': '“{label}”必须大于 {limit}', en: '"{label}" must be more than {limit}' },
  tooManyItems: {
    'zh-CN': '“{label}”最多选 {limit} 项',
    en: '"{label}" allows at most {limit} choice(s)',
  },
  tooFewItems: {
    'zh-CN': '“{label}”至少选 {limit} 项',
    en: '"{label}" needs at least {limit} choice(s)',
  },
  duplicateItems: {
    'zh-CN': '“{label}”里有重复的项',
    en: '"{label}" lists the same item twice',
  },
  notOption: {
    'zh-CN': '“{label}”只能从给出的选项中选',
    en: '"{label}" must be one of the options given',
  },
  notInteger: { 'zh-CN': '“{label}”必须是整数', en: '"{label}" must be a whole number' },
  notNumber: { 'zh-CN': '“{label}”必须是数字', en: '"{label}" must be a number' },
  notText: { 'zh-CN': '“{label}”必须是文字', en: '"{label}" must be text' },
  notBoolean: { 'zh-CN': '“{label}”只能是“是”或“否”', en: '"{label}" must be yes or no' },
  notList: { 'zh-CN': '“{label}”必须是一组值', en: '"{label}" must be a list of values' },
  moneyFraction: {
    'zh-CN': '“{label}”的金额最小到分',
    en: '"{label}" cannot have fractions of a cent',
  },
  invalidDate: {
    'zh-CN': '“{label}”不是有效的日期（例如 2026-03-01）',
    en: '"{label}" is not a valid date (for example 2026-03-01)',
  },
  invalidDateTime: {
    'zh-CN': '“{label}”不是有效的日期和时间',
    en: '"{label}" is not a valid date and time',
  },
  invalidUrl: {
    'zh-CN': '“{label}”不是有效的网址（以 http:// 或 https:// 开头）',
    en: '"{label}" is not a valid web address (starting with http:// or https://)',
  },
  invalidFormat: {
    'zh-CN': '“{label}”的格式不对',
    en: '"{label}" is not in the expected format',
  },
  invalidRegion: {
    'zh-CN': '“{label}”不是有效的行政区划代码',
    en: '"{label}" is not a valid region code',
  },
  invalidInput: { 'zh-CN': '输入无效：{detail}', en: 'Invalid input: {detail}' },
  invalidCharacters: {
    'zh-CN': '“{label}”含有不可见的控制字符（如 NUL），请删除后再提交',
    en: '"{label}" contains invisible control characters (such as NUL); remove them and try again',
  },
} satisfies Record<string, Record<Locale, string>>;

export type RuleMessageKey = keyof typeof ruleMessages;

/** Resolves a locale-ish string to a supported locale (default zh-CN). */
export function resolveLocale(locale: string | undefined | null): Locale {
  if (!locale) return 'zh-CN';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Formats rule message `key` in `locale` with `{param}` placeholders filled. */
export function ruleMessage(
  locale: Locale,
  key: RuleMessageKey,
  params: Record<string, unknown> = {},
): string {
  return interpolate(ruleMessages[key][locale], params);
}

/** Fills `{name}` placeholders of `template` from `params` (null and missing become empty). */
export function interpolate(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? '' : String(v);
  });
}

/** Picks the `locale` text of a locale map, falling back to zh-CN, en, then `fallback`. */
export function localized(
  map: Partial<Record<string, string>> | undefined,
  locale: Locale,
  fallback: string,
): string {
  if (!map) return fallback;
  return map[locale] ?? map['zh-CN'] ?? map['en'] ?? fallback;
}
