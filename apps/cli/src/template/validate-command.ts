import { checkTemplate } from '@trellis/server';
import type { TemplateIssue } from '@trellis/spec';
import { resolveUserPath, type CliContext } from '../context';
import { say, type CliLocale } from '../locale';
import { toValidateJson } from '../output';

/**
 * `trellis template validate <dir>`: the manifest, the part files, the spec with the builder's
 * messages, the engine range, demo recipe, previews and package.json. Exit 0 valid (warnings
 * allowed), 1 invalid, 2 unreadable.
 */
export function validateTemplateCommand(
  ctx: CliContext,
  dir: string,
  o: { locale: CliLocale; json?: boolean },
): void {
  const checked = checkTemplate(resolveUserPath(ctx, dir), { locale: o.locale });
  const issues = checked.ok ? checked.warnings : checked.errors;
  ctx.exitCode = checked.ok ? 0 : checked.kind === 'unreadable' ? 2 : 1;
  if (o.json) return ctx.stdout(toValidateJson(checked.ok, issues));
  const errors = issues.filter((i) => i.severity !== 'warning');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (checked.ok) {
    const m = checked.bundle.manifest;
    ctx.stdout(
      say(
        o.locale,
        `✓ 模板 ${m.name} ${m.version} 有效（${checked.bundle.files.length} 个规格文件）\n`,
        `✓ Template ${m.name} ${m.version} is valid (${checked.bundle.files.length} spec files)\n`,
      ),
    );
  } else
    ctx.stdout(
      say(
        o.locale,
        `✗ ${dir} 有 ${errors.length} 个错误：\n`,
        `✗ ${dir} has ${errors.length} error(s):\n`,
      ) + formatTemplateIssues(errors, o.locale),
    );
  if (warnings.length > 0)
    ctx.stdout(
      say(o.locale, `提示（${warnings.length}）：\n`, `Warnings (${warnings.length}):\n`) +
        formatTemplateIssues(warnings, o.locale),
    );
}

/** One block per issue: where, code, message and the part file it sits in. */
export function formatTemplateIssues(issues: readonly TemplateIssue[], locale: CliLocale): string {
  return issues
    .map((i) => {
      const source = typeof i.params?.source === 'string' ? i.params.source : null;
      const where = source ? say(locale, `（位于 ${source}）`, ` (in ${source})`) : '';
      return `  ${i.path || '/'}  [${i.code}]\n    ${i.message}${where}\n`;
    })
    .join('');
}
