import { validateSpec } from '@trellis/spec';
import type { CliLocale } from './locale';
import type { TemplateIssue as CliIssue } from '@trellis/spec';

/**
 * Validates an app spec with `validateSpec` from @trellis/spec (structure and semantics).
 * Keeps exactly { path, code, message } per error so `--json` output stays stable whatever
 * extras the validator adds.
 */
export function validateAppSpec(
  spec: unknown,
  locale: CliLocale,
  /** The operator's allowlist of internal targets (TRELLIS_OUTBOUND_ALLOW). */
  outboundAllow?: string,
): { ok: boolean; errors: CliIssue[] } {
  const result = validateSpec(spec, { locale, ...(outboundAllow ? { outboundAllow } : {}) });
  return {
    ok: result.ok && result.errors.length === 0,
    errors: result.errors.map(({ path, code, message }) => ({ path, code, message })),
  };
}
