import { interpolate } from '../i18n/messages';
import type { Locale } from '../ports';

/** Messages of the automation runtime (zh-CN and en); `{name}` placeholders come from params. */
const catalogue = {
  invalidDuration: {
    'zh-CN': '“{value}”不是有效的时长（如 30m、48h、7d、PT48H）',
    en: '"{value}" is not a duration (e.g. 30m, 48h, 7d, PT48H)',
  },
  invalidCron: { 'zh-CN': '定时表达式无效：{detail}', en: 'Invalid cron expression: {detail}' },
  assignNeedsTeam: {
    'zh-CN': '策略“{strategy}”需要指定团队 team',
    en: 'Strategy "{strategy}" needs a team',
  },
  assignNeedsUser: { 'zh-CN': '策略“user”需要指定用户 user', en: 'Strategy "user" needs a user' },
  assignNeedsRules: {
    'zh-CN': '策略“rules”需要至少一条规则 rules',
    en: 'Strategy "rules" needs at least one rule',
  },
  targetNeedsOne: {
    'zh-CN': '请指定团队 team 或用户 user（二选一）',
    en: 'Give either a team or a user',
  },
  notifyNeedsTo: {
    'zh-CN': '渠道“{channel}”需要收件人 to',
    en: 'Channel "{channel}" needs recipients (to)',
  },
  notifyNeedsUrl: { 'zh-CN': '渠道“webhook”需要地址 url', en: 'Channel "webhook" needs a url' },
  notifySecretNeedsDingtalk: {
    'zh-CN': '只有钉钉机器人（channel 为 webhook，format 为 dingtalk）才能用 secretRef 加签',
    en: 'secretRef (signing) needs a DingTalk robot: channel "webhook" with format "dingtalk"',
  },
  queryNeedsEntity: {
    'zh-CN': '定时任务的 query 需要同时指定 entity',
    en: 'A schedule query needs an entity',
  },
  invalidLogic: { 'zh-CN': '条件表达式无效：{detail}', en: 'Invalid condition: {detail}' },
  noRecord: {
    'zh-CN': '此动作需要一条记录，但本次触发没有记录',
    en: 'This action needs a record but the trigger has none',
  },
  recordGone: {
    'zh-CN': '记录 {id} 不存在或已删除',
    en: 'Record {id} does not exist or was deleted',
  },
  valueFailed: {
    'zh-CN': '字段“{field}”的值计算失败：{detail}',
    en: 'Value of "{field}" failed: {detail}',
  },
  noOwnerChosen: { 'zh-CN': '没有可分配的负责人：{why}', en: 'No owner could be chosen: {why}' },
  noRecipient: { 'zh-CN': '没有找到收件人（{detail}）', en: 'No recipient found ({detail})' },
  digestNoReports: { 'zh-CN': '此处无法生成报表摘要', en: 'Reports are not available here' },
  digestNothingSent: {
    'zh-CN': '没有收件人能查看这个仪表盘（{detail}）',
    en: 'No recipient may open the dashboard ({detail})',
  },
  noAssignee: { 'zh-CN': '找不到任务负责人“{recipient}”', en: 'No assignee for "{recipient}"' },
  unknownSecret: { 'zh-CN': '未配置密钥“{ref}”', en: 'Secret "{ref}" is not configured' },
  writeRefused: { 'zh-CN': '写入被拒绝：{detail}', en: 'The write was refused: {detail}' },
  notInPool: {
    'zh-CN': '记录已有负责人，不在公海中',
    en: 'The record already has an owner (it is not in the pool)',
  },
  depthExceeded: {
    'zh-CN': '自动化链条深度 {depth} 超过上限 {max}，已停止以防循环',
    en: 'Automation chain depth {depth} exceeds the limit {max}; stopped to prevent a loop',
  },
  unknownAutomation: { 'zh-CN': '未知的自动化“{key}”', en: 'Unknown automation "{key}"' },
  actionThrew: { 'zh-CN': '动作执行出错：{detail}', en: 'The action failed: {detail}' },
  notManual: {
    'zh-CN': '自动化“{key}”不是手动触发的',
    en: 'Automation "{key}" is not started by a button',
  },
  noSelection: { 'zh-CN': '请至少选择一条记录', en: 'Select at least one record' },
  notBulk: {
    'zh-CN': '自动化“{key}”一次只能用于一条记录',
    en: 'Automation "{key}" runs on one record at a time',
  },
  disabled: { 'zh-CN': '自动化“{key}”已停用', en: 'Automation "{key}" is disabled' },
  manualForbidden: {
    'zh-CN': '你的角色不能运行自动化“{key}”（需要“管理自动化”权限，或在该按钮的 roles 中）',
    en: 'Your role may not run automation "{key}" (it needs manageAutomations, or a role in the button\'s roles)',
  },
} satisfies Record<string, Record<Locale, string>>;

export type AutomationMessageKey = keyof typeof catalogue;

/** Formats a message of the automation catalogue. */
export function am(
  locale: Locale,
  key: AutomationMessageKey,
  params: Record<string, unknown> = {},
): string {
  return interpolate(catalogue[key][locale], params);
}
