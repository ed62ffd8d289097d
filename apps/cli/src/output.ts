import type { TemplateIssue as CliIssue } from '@trellis/spec';

/** The exact `--json` shape of `trellis spec validate` (issue 2). */
type ValidateJson = {
  ok: boolean;
  errors: { path: string; code: string; message: string }[];
};

/** Serialises a result for `--json`: only path, code and message per error, one document per line. */
export function toValidateJson(ok: boolean, errors: readonly CliIssue[]): string {
  const body: ValidateJson = {
    ok,
    errors: errors.map(({ path, code, message }) => ({ path, code, message })),
  };
  return JSON.stringify(body) + '\n';
}

/** One human-readable line per issue: path, code, message and (when known) the file it sits in. */
export function formatIssues(
  errors: readonly CliIssue[],
  sourceOf: (path: string) => string | undefined,
  inLabel: (source: string) => string,
): string {
  return errors
    .map((issue) => {
      const source = sourceOf(issue.path);
      const where = issue.path === '' ? '/' : issue.path;
      return `  ${where}  [${issue.code}]\n    ${issue.message}${source ? ' ' + inLabel(source) : ''}\n`;
    })
    .join('');
}
