import type { Locale } from '../ports';

/**
 * Engine message catalogue (zh-CN and en). Built-in JSON Schema messages come from ajv-i18n;
 * these cover the engine's own codes. `{name}` placeholders are filled from params.
 */
const catalogue = {
  validation: { 'zh-CN': '提交的数据有 {count} 处问题', en: 'The data has {count} problem(s)' },
  duplicate: {
    'zh-CN': '可能重复：已存在记录“{title}”（{id}）',
    en: 'Possible duplicate: record "{title}" ({id}) already exists',
  },
  duplicateHidden: {
    'zh-CN': '可能重复：已存在一条你无权查看的记录，请联系主管处理',
    en: 'Possible duplicate: a record you cannot see already exists; ask your supervisor',
  },
  duplicateFieldHidden: {
    'zh-CN': '“{label}”与一条你无权查看的已有记录相同',
    en: '"{label}" matches an existing record you cannot see',
  },
  uniqueHidden: {
    'zh-CN': '“{label}”的值已被一条你无权查看的记录使用',
    en: '"{label}" is already used by a record you cannot see',
  },
  duplicateField: {
    'zh-CN': '“{label}”与已有记录“{title}”（{id}）相同',
    en: '"{label}" matches existing record "{title}" ({id})',
  },
  unique: {
    'zh-CN': '“{label}”的值已被记录“{title}”（{id}）使用',
    en: '"{label}" is already used by record "{title}" ({id})',
  },
  relationMissing: {
    'zh-CN': '“{label}”指向的记录 {id} 不存在',
    en: '"{label}" points to record {id}, which does not exist',
  },
  userMissing: {
    'zh-CN': '“{label}”指向的用户 {id} 不存在',
    en: '"{label}" names user {id}, who does not exist',
  },
  userDisabled: {
    'zh-CN': '“{label}”指向的用户 {id} 已停用',
    en: '"{label}" names user {id}, who is disabled',
  },
  teamMissing: {
    'zh-CN': '“{label}”指向的团队 {id} 不存在',
    en: '"{label}" names team {id}, which does not exist',
  },
  conflict: {
    'zh-CN': '记录已被他人修改（当前版本 {current}，你的版本 {expected}），请刷新后重试',
    en: 'The record was changed by someone else (now version {current}, yours {expected}); reload and try again',
  },
  notFound: { 'zh-CN': '找不到{entity}记录 {id}', en: 'No {entity} record {id}' },
  unknownEntity: { 'zh-CN': '未知的对象“{entity}”', en: 'Unknown entity "{entity}"' },
  forbidden: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
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
  noPipeline: { 'zh-CN': '对象“{entity}”没有阶段流程', en: 'Entity "{entity}" has no pipeline' },
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
  invalidFilter: { 'zh-CN': '筛选条件无效', en: 'The filter is invalid' },
  invalidSort: { 'zh-CN': '无法按“{field}”排序', en: 'Cannot sort by "{field}"' },
  invalidCursor: { 'zh-CN': '分页游标无效', en: 'The page cursor is invalid' },
  unknownActivityType: { 'zh-CN': '未知的跟进类型“{type}”', en: 'Unknown activity type "{type}"' },
  emptyBody: { 'zh-CN': '跟进内容不能为空', en: 'The activity needs a body' },
  taskTitle: { 'zh-CN': '任务标题不能为空', en: 'A task needs a title' },
  taskClosed: { 'zh-CN': '任务已完成或已取消', en: 'The task is already done or cancelled' },
  notDeleted: { 'zh-CN': '记录不在回收站中', en: 'The record is not in the recycle bin' },
  deleted: {
    'zh-CN': '记录已删除（在回收站中）',
    en: 'The record is deleted (in the recycle bin)',
  },
  internal: { 'zh-CN': '内部错误：{detail}', en: 'Internal error: {detail}' },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof catalogue;

/** Resolves a locale-ish string to a supported locale (default zh-CN). */
export function resolveLocale(locale: string | undefined | null): Locale {
  if (!locale) return 'zh-CN';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Formats message `key` in `locale` with `{param}` placeholders filled. */
export function t(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  return interpolate(catalogue[key][locale], params);
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
