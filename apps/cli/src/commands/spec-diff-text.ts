import type { SpecChange } from '@trellis/spec';
import type { CliLocale } from '../locale';
import { say } from '../locale';

type Labelled = { label?: Record<string, string> | string; required?: unknown; requires?: unknown };

const KIND_NAMES: Record<string, [string, string]> = {
  spec: ['规格', 'spec'],
  entity: ['实体', 'entity'],
  field: ['字段', 'field'],
  option: ['选项', 'option'],
  pipeline: ['流程', 'pipeline'],
  stage: ['阶段', 'stage'],
  form: ['表单', 'form'],
  automation: ['自动化', 'automation'],
  role: ['角色', 'role'],
  team: ['团队', 'team'],
  view: ['视图', 'view'],
  dashboard: ['仪表盘', 'dashboard'],
  activityType: ['活动类型', 'activity type'],
  quickReply: ['快捷回复', 'quick reply'],
  webhookSource: ['接入源', 'webhook source'],
};

function labelOf(item: unknown, locale: CliLocale): string {
  const label = (item as Labelled | undefined)?.label;
  if (typeof label === 'string') return ` (${label})`;
  const text = label?.[locale] ?? label?.['zh-CN'] ?? label?.en;
  return text ? ` (${text})` : '';
}

/** `lead.phone`, `lead/won`, `apply`: where a change is, by keys. */
function whereOf(c: SpecChange): string {
  if (c.kind === 'field') return `${c.entity}.${c.key}`;
  if (c.kind === 'option') return `${c.entity}.${c.field} = ${c.key}`;
  if (c.kind === 'stage') return `${c.entity ?? c.pipeline}/${c.key}`;
  return c.key;
}

/** What a requirement change means for the people filling the forms. */
function requirementNotes(c: SpecChange, locale: CliLocale): string[] {
  const before = c.before as Labelled | undefined;
  const after = c.after as Labelled | undefined;
  const notes: string[] = [];
  if (c.kind === 'field' && c.changes?.includes('required')) {
    notes.push(
      after?.required === true
        ? say(locale, '改为必填', 'now required')
        : before?.required === true
          ? say(locale, '不再必填', 'no longer required')
          : say(locale, '必填条件改变', 'required condition changed'),
    );
  }
  if (c.kind === 'stage' && c.changes?.includes('requires')) {
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    const was = list(before?.requires);
    const now = list(after?.requires);
    const added = now.filter((k) => !was.includes(k));
    const dropped = was.filter((k) => !now.includes(k));
    if (added.length) notes.push(say(locale, '进入需填写：', 'now requires: ') + added.join(', '));
    if (dropped.length)
      notes.push(say(locale, '不再需填写：', 'no longer requires: ') + dropped.join(', '));
  }
  return notes;
}

/**
 * The semantic diff of a spec change in words, one line per change: `+` added, `-` removed,
 * `~` changed with the properties that differ, requirements spelled out (a field now required,
 * what a stage now requires). Empty diff: one line saying so.
 */
export function describeDiff(diff: SpecChange[], locale: CliLocale): string {
  if (diff.length === 0) return say(locale, '与线上规格相同。\n', 'Same as the live spec.\n');
  const lines = diff.map((c) => {
    const [zh, en] = KIND_NAMES[c.kind] ?? [c.kind, c.kind];
    const what = `${say(locale, zh, en)} ${whereOf(c)}`;
    if (c.op === 'added') return `  + ${what}${labelOf(c.after, locale)}`;
    if (c.op === 'removed') return `  - ${what}${labelOf(c.before, locale)}`;
    const notes = requirementNotes(c, locale);
    const props = (c.changes ?? []).filter(
      (p) => !(p === 'required' && c.kind === 'field') && !(p === 'requires' && c.kind === 'stage'),
    );
    return `  ~ ${what}: ${[...notes, ...props].join(', ')}`;
  });
  const head = say(
    locale,
    `与线上规格相比有 ${diff.length} 处变化：`,
    `${diff.length} change(s) from the live spec:`,
  );
  return `${head}\n${lines.join('\n')}\n`;
}

type PlanLike = {
  steps: { kind: string; entity: string; field?: string; option?: string }[];
  warnings: { message: Record<string, string>; blocking: boolean }[];
};

/** The migration plan's steps and warnings, one line each (blocking warnings marked `!`). */
export function describePlan(plan: PlanLike, locale: CliLocale): string {
  const steps = plan.steps.map(
    (s) =>
      `  ${s.kind} ${s.entity}${s.field ? `.${s.field}` : ''}${s.option ? ` = ${s.option}` : ''}`,
  );
  const warnings = plan.warnings.map(
    (w) => `  ${w.blocking ? '!' : '·'} ${w.message[locale] ?? w.message.en ?? ''}`,
  );
  return (
    [
      say(locale, `迁移计划（${steps.length} 步）：`, `Migration plan (${steps.length} step(s)):`),
      ...steps,
      ...(warnings.length ? [say(locale, '提醒：', 'Warnings:'), ...warnings] : []),
    ].join('\n') + '\n'
  );
}
