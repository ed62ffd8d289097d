import type { Locale } from '../ports';

const TEXT: Record<string, [zh: string, en: string]> = {
  value: ['数值', 'Value'],
  previous: ['上一周期', 'Previous period'],
  change: ['变化', 'Change'],
  records: ['记录数', 'Records'],
  reached: ['到达', 'Reached'],
  conversion: ['转化率', 'Conversion'],
  fromPrevious: ['较上一阶段', 'From previous stage'],
  left: ['离开次数', 'Left'],
  mean: ['平均（天）', 'Mean (days)'],
  median: ['中位数（天）', 'Median (days)'],
  p90: ['P90（天）', 'P90 (days)'],
  other: ['其他', 'Other'],
  empty: ['（空）', '(empty)'],
  unassigned: ['未分配', 'Unassigned'],
  leads: ['线索', 'Leads'],
  won: ['成交', 'Won'],
  lost: ['流失', 'Lost'],
  cycleDays: ['平均周期（天）', 'Avg cycle (days)'],
  leadsPrevious: ['上期线索', 'Leads, previous'],
  wonPrevious: ['上期成交', 'Won, previous'],
  dropAt: ['{stage}流失率', 'Drop at {stage}'],
  completeness: ['完整率', 'Completeness'],
  incomplete: ['缺项记录', 'Incomplete'],
  fieldFilled: ['{field}填写率', '{field} filled'],
  assigned: ['已分配占比', 'Has an owner'],
  assigned24h: ['24 小时内分配率', 'Assigned within 24 h'],
  assignedLate: ['超 24 小时未分配', 'Not assigned in 24 h'],
  merged: ['合并重复', 'Duplicates merged'],
  received: ['收到线索', 'Leads received'],
  failed: ['被拒绝', 'Refused'],
  failureRate: ['拒绝率', 'Refused share'],
  sinceLast: ['距上条线索（天）', 'Since last lead (days)'],
  slaBreached: ['SLA 超时', 'SLA overdue'],
  spend: ['投放', 'Spend'],
  revenue: ['成交金额', 'Won revenue'],
  cac: ['获客成本 CAC', 'CAC'],
  ltv: ['客户价值 LTV', 'LTV'],
  ltvCac: ['LTV/CAC', 'LTV/CAC'],
  before: ['之前', 'Before'],
  after: ['之后', 'After'],
  total: ['合计', 'Total'],
  noAccess: ['你没有查看该数据的权限。', 'You may not read these records.'],
  badDay: ['“{value}” 不是日期（YYYY-MM-DD）。', '"{value}" is not a date (YYYY-MM-DD).'],
  badOrder: [
    '开始日期 {from} 晚于结束日期 {to}。',
    'The start date {from} is after the end date {to}.',
  ],
  badTimeZone: ['未知的时区 “{value}”。', 'Unknown time zone "{value}".'],
  tooLong: ['时间段最长 {max} 天。', 'A period spans at most {max} days.'],
  noDashboard: ['没有仪表盘 “{key}”。', 'There is no dashboard "{key}".'],
  noWidget: [
    '仪表盘 “{dashboard}” 没有图表 “{key}”。',
    'The dashboard "{dashboard}" has no widget "{key}".',
  ],
  badParameters: ['报表参数有误。', 'The report parameters are invalid.'],
  noSpec: ['尚未发布应用配置。', 'No app spec is published yet.'],
  period: ['时间段', 'Period'],
  digestHead: ['【{dashboard}】{from} 至 {to}', '{dashboard}: {from} to {to}'],
  digestMore: ['……另有 {n} 行', '… and {n} more rows'],
  digestNone: ['（无数据）', '(no data)'],
};

/** A report string in the locale, `{name}` filled from params. */
export function reportText(
  locale: Locale,
  key: string,
  params: Record<string, unknown> = {},
): string {
  const entry = TEXT[key];
  if (!entry) return key;
  const s = locale === 'en' ? entry[1] : entry[0];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
