import type { TemplatePlan } from '@trellis/server';
import type { TemplateIssue } from '@trellis/spec';
import { say, type CliLocale } from '../locale';
import { formatTemplateIssues } from './validate-command';

const show = (v: unknown): string =>
  v === undefined ? '∅' : (JSON.stringify(v) ?? '∅').slice(0, 80);

/** The plan of an install or upgrade as a builder reads it before saying yes. */
export function formatPlan(plan: TemplatePlan, locale: CliLocale): string {
  const s = (zh: string, en: string) => say(locale, zh, en);
  const head =
    plan.kind === 'upgrade'
      ? s(
          `升级模板 ${plan.name}：${plan.installed} → ${plan.version}`,
          `Upgrade template ${plan.name}: ${plan.installed} → ${plan.version}`,
        )
      : plan.kind === 'reinstall'
        ? s(
            `重新安装模板 ${plan.name} ${plan.version}`,
            `Reinstall template ${plan.name} ${plan.version}`,
          )
        : s(
            `安装模板 ${plan.name} ${plan.version}`,
            `Install template ${plan.name} ${plan.version}`,
          );
  const lines = [head];
  const op = {
    added: s('新增', 'adds'),
    removed: s('移除', 'removes'),
    changed: s('修改', 'changes'),
  };
  if (plan.changes.length > 0) {
    lines.push(
      s(
        `模板带来的改动（${plan.changes.length}）：`,
        `What the template brings (${plan.changes.length}):`,
      ),
    );
    for (const c of plan.changes) lines.push(`  ${op[c.op]} ${c.path}`);
  }
  if (plan.conflicts.length > 0) {
    lines.push(
      s(
        `冲突（${plan.conflicts.length}，工作区和模板都改了，改法不同）：`,
        `Conflicts (${plan.conflicts.length}: both the workspace and the template changed these, differently):`,
      ),
    );
    for (const c of plan.conflicts) {
      const open = plan.unresolved.includes(c.path);
      lines.push(
        `  ${c.path}\n    ours: ${show(c.ours)}  theirs: ${show(c.theirs)}  base: ${show(c.base)}  → ${
          open ? s('待选择', 'to choose') : c.chosen
        }`,
      );
    }
  }
  const migration = plan.migration;
  if (migration) {
    const steps = migration.steps.filter((st) => st.kind !== 'syncIndexes');
    lines.push(s(`数据迁移（${steps.length} 步）：`, `Data migration (${steps.length} steps):`));
    for (const st of steps)
      lines.push(
        `  ${st.kind} ${'entity' in st ? st.entity : ''}${'field' in st ? `.${st.field}` : ''}`,
      );
    for (const w of migration.warnings)
      lines.push(
        `  ⚠ ${w.message[locale]}${w.blocking ? s('（需要选择）', ' (needs a choice)') : ''}`,
      );
  }
  if (plan.changes.length === 0 && plan.conflicts.length === 0 && plan.diff.length === 0)
    lines.push(
      s(
        '工作区已经是这个样子，无需改动。',
        'The workspace already looks like this; nothing to change.',
      ),
    );
  return lines.join('\n') + '\n';
}

/** Errors of a refused install, each with where it is. */
export function formatRefusal(errors: readonly TemplateIssue[], locale: CliLocale): string {
  return say(locale, '✗ 未安装：\n', '✗ Not installed:\n') + formatTemplateIssues(errors, locale);
}
