import type { Locale } from '../schema/common';

/**
 * Every semantic error code with its sentence in zh-CN and en. `{name}` is replaced by params.name.
 * Codes are stable (tests and tools match on them); sentences may improve.
 */
const catalogue: Record<string, readonly [zh: string, en: string]> = {
  'spec.internal': [
    '检查配置时出现内部错误：{detail}',
    'An internal error occurred while checking the spec: {detail}',
  ],
  'key.duplicate': [
    '键 “{key}” 重复了：同一列表中的{kind}键必须唯一（第一次出现在 {first}）。',
    'The key "{key}" is used twice: {kind} keys must be unique in this list (first used at {first}).',
  ],
  'key.caseClash': [
    '键 “{key}” 与 “{other}” 只有大小写不同：数据库不区分大小写，同一列表中的{kind}键不能只差大小写（另一个在 {first}）。',
    'The key "{key}" differs from "{other}" only by letter case: the database ignores case, so {kind} keys in one list must differ by more than case ({other} is at {first}).',
  ],
  'option.duplicate': [
    '选项值 “{value}” 重复了：同一字段的选项值必须唯一。',
    'The option value "{value}" is used twice: option values of a field must be unique.',
  ],
  'option.aliasTaken': [
    '别名 “{alias}” 已经指向选项 “{other}”：每个别名只能对应一个选项。',
    'The alias "{alias}" already means the option "{other}": an alias may name one option only.',
  ],
  'field.reserved': [
    '字段键 “{key}” 是系统保留字段名，请换一个（保留，不区分大小写：{reserved}）。',
    'The field key "{key}" is reserved for a system field; choose another one (reserved, in any letter case: {reserved}).',
  ],
  'locale.defaultNotListed': [
    '默认语言 “{locale}” 必须出现在 locales 列表中。',
    'The default locale "{locale}" must be listed in locales.',
  ],
  'locale.missing': [
    '缺少默认语言 “{locale}” 的文本。',
    'The text for the default locale "{locale}" is missing.',
  ],
  'ref.unknownEntity': ['实体 “{key}” 不存在。', 'There is no entity "{key}".'],
  'ref.unknownTaskTag': [
    '没有任何“创建任务”动作使用标签 “{key}”，这里不会关闭任何任务。',
    'No createTask action tags its tasks "{key}", so this closes nothing.',
  ],
  'ref.unknownField': [
    '实体 “{entity}” 没有字段 “{key}”。',
    'The entity "{entity}" has no field "{key}".',
  ],
  'ref.unknownStage': [
    '实体 “{entity}” 的流程中没有阶段 “{key}”。',
    'The pipeline of "{entity}" has no stage "{key}".',
  ],
  'ref.unknownTeam': ['团队 “{key}” 不存在。', 'There is no team "{key}".'],
  'ref.unknownRole': ['角色 “{key}” 不存在。', 'There is no role "{key}".'],
  'ref.unknownForm': ['表单 “{key}” 不存在。', 'There is no form "{key}".'],
  'ref.unknownView': ['视图 “{key}” 不存在。', 'There is no view "{key}".'],
  'ref.unknownDashboard': ['仪表盘 “{key}” 不存在。', 'There is no dashboard "{key}".'],
  'ref.unknownWidget': [
    '仪表盘 “{dashboard}” 没有组件 “{key}”。',
    'Dashboard "{dashboard}" has no widget "{key}".',
  ],
  'ref.unknownActivityType': ['活动类型 “{key}” 不存在。', 'There is no activity type "{key}".'],
  'ref.unknownWebhookSource': [
    'Webhook 来源 “{key}” 不存在。',
    'There is no webhook source "{key}".',
  ],
  'titleField.badType': [
    '标题字段 “{key}” 是 {type} 类型；标题字段必须是单行文本、邮箱、电话或网址。',
    'The title field "{key}" is of type {type}; a title field must be text, email, phone or url.',
  ],
  'identity.badType': [
    '字段 “{key}” 是 {type} 类型，不能用作去重键；请使用单行文本、邮箱、电话或网址字段。',
    'The field "{key}" is of type {type} and cannot be part of an identity key; use a text, email, phone or url field.',
  ],
  'identity.duplicate': [
    '这个去重键与第 {other} 个重复。',
    'This identity key repeats identity key {other}.',
  ],
  'pool.needsOwned': [
    '公海需要记录有负责人：请把 owned 设为 true 或去掉 pool。',
    'A public pool needs owned records: set owned to true or remove pool.',
  ],
  'poolPolicy.needsPool': [
    '实体 “{entity}” 没有开启公海（pool），公海规则不会生效：请把 pool 设为 true 或去掉 poolPolicy。',
    'The entity "{entity}" has no public pool, so its pool rules never apply: set pool to true or remove poolPolicy.',
  ],
  'poolPolicy.warnTooLate': [
    '回收提醒时间 {warn} 不早于回收时间 {after}：提醒必须比回收短。',
    'The reclaim warning ({warn}) must be shorter than the reclaim time ({after}).',
  ],
  'handover.needsOwned': [
    '交接需要记录有负责人：请把 owned 设为 true 或去掉 handover。',
    'Handovers need owned records: set owned to true or remove handover.',
  ],
  'range.invalid': [
    '最小值 {min} 大于最大值 {max}。',
    'The minimum {min} is greater than the maximum {max}.',
  ],
  'default.notOption': [
    '默认值 “{value}” 不是这个字段的选项之一（可选：{options}）。',
    'The default "{value}" is not one of the options of this field ({options}).',
  ],
  'region.unknownCode': [
    '“{value}” 不是这个字段可选的行政区划代码（层级：{level}）。',
    '"{value}" is not a region code this field can hold (level: {level}).',
  ],
  'value.invalid': [
    '值 {value} 不适合字段 “{key}”（{type}）：{reason}',
    'The value {value} does not fit the field "{key}" ({type}): {reason}',
  ],
  'formula.cycle': [
    '公式字段互相引用形成了循环：{cycle}。',
    'Formula fields refer to each other in a cycle: {cycle}.',
  ],
  'field.notWritable': [
    '字段 “{key}” 是公式字段，不能直接写入。',
    'The field "{key}" is a formula and cannot be written.',
  ],
  'form.duplicateField': [
    '字段 “{key}” 在表单中出现了两次。',
    'The field "{key}" is placed twice in this form.',
  ],
  'form.slugMissing': [
    '公开表单需要一个 slug（链接地址 /f/<slug>）。',
    'A public form needs a slug (its link is /f/<slug>).',
  ],
  'form.slugDuplicate': [
    'slug “{slug}” 已被表单 “{other}” 使用。',
    'The slug "{slug}" is already used by the form "{other}".',
  ],
  'form.missingRequired': [
    '必填字段 “{key}” 不在公开表单中，也没有默认值，提交将总是失败。',
    'The required field "{key}" is neither on this public form nor given a default, so every submission would fail.',
  ],
  'pipeline.duplicateEntity': [
    '实体 “{entity}” 已经有流程 “{other}”；每个实体最多一个流程。',
    'The entity "{entity}" already has the pipeline "{other}"; an entity has at most one pipeline.',
  ],
  'pipeline.firstNotOpen': [
    '第一个阶段是新记录的起点，必须是 open 类别。',
    'The first stage is where new records start, so it must be in the open category.',
  ],
  'pipeline.missing': [
    '实体 “{entity}” 没有流程，无法使用阶段。',
    'The entity "{entity}" has no pipeline, so stages cannot be used.',
  ],
  'lossReason.badType': [
    '流失原因字段 “{key}” 必须是单选字段。',
    'The loss reason field "{key}" must be a select field.',
  ],
  'stage.selfTransition': ['阶段不能流转到它自己。', 'A stage cannot transition to itself.'],
  'sla.empty': [
    'SLA 需要 noActivityFor 或 maxDwell 至少一项。',
    'An SLA needs noActivityFor or maxDwell (or both).',
  ],
  'duration.invalid': [
    '无法识别的时长 “{value}”（例如 30m、48h、7d、2w、PT48H）。',
    '"{value}" is not a duration (for example 30m, 48h, 7d, 2w, PT48H).',
  ],
  'cron.invalid': [
    '无法识别的 cron 表达式 “{value}”：应为 5 段“分 时 日 月 周”，例如 “0 9 * * 1-5” 表示工作日 9 点。',
    '"{value}" is not a valid cron expression: use five parts "minute hour day month weekday", e.g. "0 9 * * 1-5" for 9:00 on weekdays.',
  ],
  'timezone.invalid': [
    '无法识别的时区 “{value}”（例如 Asia/Shanghai）。',
    '"{value}" is not a time zone (for example Asia/Shanghai).',
  ],
  'schedule.queryNeedsEntity': [
    'query 需要同时指定 entity，才能知道筛选哪些记录。',
    'A query needs an entity to say which records it selects.',
  ],
  'action.needsRecord': [
    '这个动作需要一条记录，但触发器 “{trigger}” 不提供记录（请为定时触发器指定 entity）。',
    'This action needs a record, but the trigger "{trigger}" provides none (give the schedule an entity).',
  ],
  'assign.needsTeam': [
    '分配策略 “{strategy}” 需要指定 team。',
    'The assignment strategy "{strategy}" needs a team.',
  ],
  'assign.needsUser': [
    '分配策略 “user” 需要指定 user。',
    'The assignment strategy "user" needs a user.',
  ],
  'assign.needsRules': [
    '分配策略 “rules” 需要至少一条规则。',
    'The assignment strategy "rules" needs at least one rule.',
  ],
  'assign.ruleNeedsTarget': [
    '分配规则需要 team 或 user。',
    'An assignment rule needs a team or a user.',
  ],
  'owner.notOwned': [
    '实体 “{entity}” 的记录没有负责人（owned 为 false），不能执行 “{action}”。',
    'Records of "{entity}" have no owner (owned is false), so "{action}" cannot be used.',
  ],
  'pool.disabled': [
    '实体 “{entity}” 没有开启公海（pool），不能执行 “{action}”。',
    'The entity "{entity}" has no public pool, so "{action}" cannot be used.',
  ],
  'notify.needsUrl': ['通过 webhook 通知需要 url。', 'A webhook notification needs a url.'],
  'outbound.internalTarget': [
    '“{host}” 是内部地址（{range}）。自动化不会向内部地址发送，除非运维在 TRELLIS_OUTBOUND_ALLOW 中允许它。',
    '"{host}" is an internal address ({range}). Automations do not send to internal addresses unless the operator allows it in TRELLIS_OUTBOUND_ALLOW.',
  ],
  'notify.secretNeedsDingtalk': [
    '只有钉钉机器人（channel 为 webhook，format 为 dingtalk）才能用 secretRef 加签。',
    'A signing secret (secretRef) needs a DingTalk robot: channel "webhook" with format "dingtalk".',
  ],
  'recipient.notUserField': [
    '收件人 “field:{key}” 必须指向用户类型的字段，而 “{key}” 是 {type} 字段。',
    'The recipient "field:{key}" must name a user field, but "{key}" is a {type} field.',
  ],
  'recipient.fieldNeedsRecord': [
    '收件人 “field:{key}” 需要一条记录，但这个自动化的触发器没有记录。',
    'The recipient "field:{key}" needs a record, but this automation\'s trigger has none.',
  ],
  'form.captureIntoNotCaptured': [
    '参数 “{param}” 没有列在表单的 capture 中，无法写入字段。',
    'The parameter "{param}" is not listed in the form\'s capture, so it cannot fill a field.',
  ],
  'form.captureIntoType': [
    '参数 “{param}” 只能写入文本、长文本、网址或单选字段，而 “{key}” 是 {type} 字段。',
    'The parameter "{param}" can only fill a text, long text, URL or select field, but "{key}" is a {type} field.',
  ],
  'notify.needsRecipients': [
    '通过 {channel} 通知需要收件人（to）。',
    'A {channel} notification needs recipients (to).',
  ],
  'createRecord.badLinkField': [
    '关联字段 “{key}” 必须是新记录中指向 “{entity}” 的关联字段。',
    'The link field "{key}" must be a relation field of the new record pointing to "{entity}".',
  ],
  'automation.selfTrigger': [
    '这个动作会再次触发本自动化（{reason}），可能无限循环；请限定触发字段或加上 changed 条件。',
    'This action re-triggers its own automation ({reason}) and could loop; narrow the trigger fields or add a changed condition.',
  ],
  'automation.cycle': [
    '自动化之间会互相触发形成循环：{cycle}。',
    'Automations trigger each other in a cycle: {cycle}.',
  ],
  'scope.needsOwned': [
    '实体 “{entity}” 的记录没有负责人，范围 “{scope}” 无效；请用 none 或 all。',
    'Records of "{entity}" have no owner, so the scope "{scope}" does not apply; use none or all.',
  ],
  'scope.needsPool': [
    '实体 “{entity}” 没有公海，范围 “{scope}” 无效。',
    'The entity "{entity}" has no public pool, so the scope "{scope}" does not apply.',
  ],
  'team.cycle': ['团队的上级关系形成了循环：{cycle}。', 'Team parents form a cycle: {cycle}.'],
  'view.badGroupBy': [
    '看板只能按阶段、单选或成员字段分组，“{key}” 是 {type} 类型。',
    'A board groups by stage, a select or a user field; "{key}" is of type {type}.',
  ],
  'view.boardNeedsGroup': [
    '实体 “{entity}” 没有流程，看板需要 groupBy。',
    'The entity "{entity}" has no pipeline, so a board needs groupBy.',
  ],
  'widget.needsEntity': ['{type} 图表需要指定 entity。', 'A {type} widget needs an entity.'],
  'widget.needsField': ['{type} 图表需要指定 field。', 'A {type} widget needs a field.'],
  'widget.needsPipeline': [
    '{type} 图表需要实体 “{entity}” 有流程。',
    'A {type} widget needs the entity "{entity}" to have a pipeline.',
  ],
  'widget.badTimeField': [
    '时间序列要按日期字段分组，“{key}” 是 {type} 类型。',
    'A time series buckets by a date field; "{key}" is of type {type}.',
  ],
  'widget.optionNotFor': [
    '{type} 图表不使用 “{option}”（只有 {types} 使用）。',
    'A {type} widget does not use "{option}" (only {types} do).',
  ],
  'widget.badVia': [
    '“{key}” 不是单值关联字段（它是 {type} 类型），不能按关联记录的字段分组。',
    '"{key}" is not a single relation field (it is of type {type}), so records cannot be grouped by a field of a related record through it.',
  ],
  'widget.badGroupField': [
    '不能按字段 “{key}” 分组：{type} 类型的字段可以有多个值。',
    'Records cannot be grouped by the field "{key}": a {type} field can hold several values.',
  ],
  'widget.needsNumerator': [
    '比率图表需要 numerator（分子：哪些记录算在横线上方）。',
    'A ratio widget needs a numerator (which records count above the line).',
  ],
  'widget.badRange': [
    '时间段的开始 {from} 晚于结束 {to}。',
    'The period starts on {from}, after its end on {to}.',
  ],
  'measure.needsField': [
    '“{op}” 需要一个数字或金额字段。',
    '"{op}" needs a number or money field.',
  ],
  'measure.badField': [
    '字段 “{key}” 是 {type} 类型，不能求和或求平均；请用数字、金额或百分比字段。',
    'The field "{key}" is of type {type} and cannot be summed or averaged; use a number, money or percent field.',
  ],
};

/** The localized sentence of a semantic error code. Unknown codes fall back to the code itself. */
export function specMessage(code: string, params: Record<string, unknown>, locale: Locale): string {
  const entry = catalogue[code];
  if (!entry) return code;
  const template = locale === 'en' ? entry[1] : entry[0];
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** Every known semantic code (for docs and tests). */
export const specErrorCodes = Object.keys(catalogue);

/** Each semantic code with its zh-CN and en sentence templates (`{param}` placeholders), for docs. */
export function specErrorTemplates(): { code: string; zh: string; en: string }[] {
  return Object.entries(catalogue).map(([code, [zh, en]]) => ({ code, zh, en }));
}
