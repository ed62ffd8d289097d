import { interpolate, ruleMessages, type Locale } from '@trellis/rules';

export { interpolate, localized, resolveLocale } from '@trellis/rules';

/**
 * Engine message catalogue (zh-CN and en): the record rules' messages (`@trellis/rules`) plus
 * the engine's own codes. Built-in JSON Schema messages come from ajv-i18n. `{name}`
 * placeholders are filled from params.
 */
const engineMessages = {
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
  noPipeline: { 'zh-CN': '对象“{entity}”没有阶段流程', en: 'Entity "{entity}" has no pipeline' },
  invalidFilter: { 'zh-CN': '筛选条件无效', en: 'The filter is invalid' },
  invalidSort: { 'zh-CN': '无法按“{field}”排序', en: 'Cannot sort by "{field}"' },
  invalidCursor: { 'zh-CN': '分页游标无效', en: 'The page cursor is invalid' },
  unknownActivityType: { 'zh-CN': '未知的跟进类型“{type}”', en: 'Unknown activity type "{type}"' },
  emptyBody: { 'zh-CN': '跟进内容不能为空', en: 'The activity needs a body' },
  bodyTooLong: {
    'zh-CN': '跟进内容最多 {max} 个字符',
    en: 'The activity body may have at most {max} characters',
  },
  bodyControlChars: {
    'zh-CN': '跟进内容含有不可见的控制字符（如 NUL），请删除后再提交',
    en: 'The activity body contains invisible control characters (such as NUL); remove them',
  },
  taskTitle: { 'zh-CN': '任务标题不能为空', en: 'A task needs a title' },
  taskClosed: { 'zh-CN': '任务已完成或已取消', en: 'The task is already done or cancelled' },
  taskAssignee: {
    'zh-CN': '你只能把任务分配给自己（分配给他人需要“重新分配”权限）',
    en: 'You may assign tasks only to yourself (assigning others needs the reassign capability)',
  },
  notDeleted: { 'zh-CN': '记录不在回收站中', en: 'The record is not in the recycle bin' },
  deleted: {
    'zh-CN': '记录已删除（在回收站中）',
    en: 'The record is deleted (in the recycle bin)',
  },
  busy: {
    'zh-CN': '数据库正忙，本次写入没有保存，请稍后重试。',
    en: 'The database is busy; nothing was saved. Try again in a moment.',
  },
  internal: { 'zh-CN': '内部错误：{detail}', en: 'Internal error: {detail}' },
} satisfies Record<string, Record<Locale, string>>;

const catalogue = { ...ruleMessages, ...engineMessages };

export type MessageKey = keyof typeof catalogue;

/** Formats message `key` in `locale` with `{param}` placeholders filled. */
export function t(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  return interpolate(catalogue[key][locale], params);
}
