import * as specPackage from '@trellis/spec';
import { t } from './messages';
import type { CliLocale } from './locale';
import type { CliIssue } from './template/types';

type ValidateSpec = (spec: unknown, options: { locale: CliLocale }) => { ok: boolean; errors: CliIssue[] };

/**
 * Validates an app spec with `validateSpec` from @trellis/spec (CONTRACT.md).
 * Looked up at run time so the CLI keeps working while the spec package grows; a missing
 * validator is reported as an error, never as "valid".
 */
export function validateAppSpec(spec: unknown, locale: CliLocale): { ok: boolean; errors: CliIssue[] } {
  const validate = (specPackage as unknown as { validateSpec?: ValidateSpec }).validateSpec;
  if (typeof validate !== 'function') {
    return { ok: false, errors: [{ path: '', code: 'cli.validatorUnavailable', message: t(locale, 'cli.validatorUnavailable') }] };
  }
  const result = validate(spec, { locale });
  // Keep exactly { path, code, message } so `--json` output is stable whatever extras the validator adds.
  return { ok: result.ok && result.errors.length === 0, errors: result.errors.map(({ path, code, message }) => ({ path, code, message })) };
}
