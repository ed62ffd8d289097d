import type { Locale } from '../types';

/**
 * Messages of the record rules (zh-CN and en). Built-in JSON Schema messages come from ajv-i18n;
 * these cover the rules' own codes. `{name}` placeholders are filled from params. The engine
 * extends this catalogue with its own codes (duplicates, conflicts, permissions).
 */
export const ruleMessages = {
  validation: { 'zh-CN': '提交的数据有 {count} 处问题', en: 'The data has {count} problem(s)' },
  stageGate: {
    'zh-CN': '无法进入阶段“{stage}”：还缺 {count} 项',
    en: 'Cannot enter stage "{stage}": {count} thing(s) missing',
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
