import { interpolate, type Locale } from '@trellis/rules';
import type { TextSpan } from '../redaction/text-spans';

const catalogue = {
  noRecipient: {
    'zh-CN': '请选择接手人',
    en: 'Choose who takes over',
  },
  recipientCannotOwn: {
    'zh-CN': '{name} 的角色看不到{entity}，不能接手',
    en: '{name} cannot take over {entity} records: their role cannot see them',
  },
  recipientMissing: {
    'zh-CN': '接手人 {id} 不存在或已停用',
    en: 'The new owner {id} does not exist or is disabled',
  },
  sameOwner: {
    'zh-CN': '记录 {id} 已经属于接手人',
    en: 'Record {id} already belongs to the new owner',
  },
  notYours: {
    'zh-CN': '只有负责人或有“重新分配”权限的人可以交接或释放记录 {id}',
    en: 'Only the owner or someone with the reassign capability may hand over or release record {id}',
  },
  noteNeeded: {
    'zh-CN': '交接说明必填：{what}',
    en: 'The handover note needs {what}',
  },
  // The same words as the dialog's parts, so an error reads as the part it stands under.
  needs: { 'zh-CN': '{n} 个关键需求', en: '{n} key needs' },
  risks: { 'zh-CN': '{n} 个风险点', en: '{n} risks' },
  open: { 'zh-CN': '{n} 个未结事项', en: '{n} open item' },
  noteTooLong: {
    'zh-CN': '交接说明的每一项最多 {max} 个字符',
    en: 'Each item of the handover note may have at most {max} characters',
  },
  handoverMissing: { 'zh-CN': '找不到交接 {id}', en: 'No handover {id}' },
  handoverDecided: {
    'zh-CN': '这个交接已处理（{status}）',
    en: 'This handover was already decided ({status})',
  },
  handoverStale: {
    'zh-CN': '记录在交接发起后已换了负责人，交接作废',
    en: 'The record changed owner after the handover was started; the handover no longer applies',
  },
  notRecipient: {
    'zh-CN': '只有接手人可以确认或拒绝这个交接',
    en: 'Only the new owner may accept or decline this handover',
  },
  contactTask: {
    'zh-CN': '请在 {hours} 小时内首次联系客户并告知新对接人：{title}',
    en: 'Contact the customer within {hours} hours and introduce yourself as the new owner: {title}',
  },
  noPool: {
    'zh-CN': '“{entity}”没有公海',
    en: '"{entity}" has no public pool',
  },
  notInPool: {
    'zh-CN': '记录 {id} 不在公海中（已有负责人）',
    en: 'Record {id} is not in the public pool (it has an owner)',
  },
  // Someone else released it first (the rep's dialog was open): the record needs no release.
  alreadyInPool: {
    'zh-CN': '这条记录已在公海中（已被释放，没有负责人），无需再释放',
    en: 'This record is already in the public pool (it was released and has no owner)',
  },
  poolRole: {
    'zh-CN': '你的角色不能从公海领取',
    en: 'Your role may not claim from the public pool',
  },
  claimCap: {
    'zh-CN': '你已有 {open} 条未结束的记录，达到上限 {cap}，请先跟进或释放',
    en: 'Open records you hold: {open}, the cap is {cap}; follow up or release some first',
  },
  reasonNeeded: {
    'zh-CN': '请填写释放原因',
    en: 'Give a reason for the release',
  },
  reclaimReason: {
    'zh-CN': '{days} 天没有跟进，自动收回公海',
    en: 'No follow-up for {days} days: reclaimed to the public pool',
  },
  reclaimWarnTitle: {
    'zh-CN': '明天将收回公海：{title}',
    en: 'Goes back to the public pool soon: {title}',
  },
  reclaimWarnBody: {
    'zh-CN': '这条记录 {days} 天没有跟进，将在 {hours} 小时后自动收回公海。记录一次跟进即可保留。',
    en: 'No follow-up for {days} days; it goes back to the public pool in {hours} hours. Log a follow-up to keep it.',
  },
  reclaimedTitle: {
    'zh-CN': '已收回公海：{title}',
    en: 'Reclaimed to the public pool: {title}',
  },
  handoverTitle: {
    'zh-CN': '{from} 把“{title}”交接给你',
    en: '{from} hands "{title}" over to you',
  },
  leaveNoTargets: {
    'zh-CN': '请至少选择一位接手人',
    en: 'Choose at least one rep to take over',
  },
  leaveSelf: {
    'zh-CN': '接手人不能是离职的人自己',
    en: 'The leaving rep cannot take over their own records',
  },
  reviewTitle: {
    'zh-CN': '请确认后放入公海：{title}',
    en: 'Confirm before it enters the public pool: {title}',
  },
} satisfies Record<string, Record<Locale, string>>;

export type OwnershipMessage = keyof typeof catalogue;

/** An ownership message in `locale`, `{param}` placeholders filled. */
export function om(
  locale: Locale,
  key: OwnershipMessage,
  params: Record<string, unknown> = {},
): string {
  return interpolate(catalogue[key][locale], params);
}

/**
 * An ownership message in `locale` with the spans of the params that quote a record field
 * (`quotes`: param -> field, e.g. `{ title: 'name' }`), so a reader from whom that field is
 * hidden sees the rest of the text with the value masked (redaction/text-spans), not nothing.
 */
export function omQuoting(
  locale: Locale,
  key: OwnershipMessage,
  params: Record<string, unknown>,
  quotes: Record<string, string>,
): { text: string; spans: TextSpan[] } {
  const spans: TextSpan[] = [];
  let text = '';
  let at = 0;
  const template = catalogue[key][locale];
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    text += template.slice(at, m.index);
    const name = m[1]!;
    const value = interpolate(m[0], params);
    const field = quotes[name];
    if (field && value !== '') spans.push([text.length, text.length + value.length, field]);
    text += value;
    at = m.index + m[0].length;
  }
  return { text: text + template.slice(at), spans };
}
