import type { AppSpec, Locale } from '../schema/index';
import type { SpecError } from './context';
import { createCtx } from './context';
import { specMessage } from './messages';
import { checkAutomations } from './rules/automations';
import { checkEntities } from './rules/entities';
import { checkOwnershipPolicies } from './rules/ownership';
import { checkForms } from './rules/forms';
import { checkIntake } from './rules/intake';
import { checkKeys } from './rules/keys';
import { checkPipelines } from './rules/pipelines';
import { checkRoles } from './rules/roles';
import { checkViews } from './rules/views';
import { structuralErrors } from './structural';
import { parseOutboundAllow } from '../outbound';

export type ValidateOptions = {
  locale?: Locale;
  /**
   * Internal targets the operator allows automations to send to (`TRELLIS_OUTBOUND_ALLOW`:
   * host names, addresses, CIDR ranges); other internal URLs are refused.
   */
  outboundAllow?: string | readonly string[];
};
export type ValidateResult = { ok: boolean; errors: SpecError[] };

/**
 * Validates an app spec: first against the metaschema (structure), then, if the structure is
 * sound, the semantic rules (references, uniqueness, logic, durations, cron, cycles, loops).
 * Never throws: any input, even `null` or cyclic objects, yields a result.
 */
export function validateSpec(spec: unknown, options: ValidateOptions = {}): ValidateResult {
  const locale: Locale = options.locale === 'en' ? 'en' : 'zh-CN';
  try {
    const structural = structuralErrors(spec, locale);
    if (structural.length > 0) return { ok: false, errors: structural };
    const ctx = createCtx(spec as AppSpec, locale, parseOutboundAllow(options.outboundAllow));
    for (const rule of [
      checkKeys,
      checkEntities,
      checkOwnershipPolicies,
      checkForms,
      checkPipelines,
      checkAutomations,
      checkRoles,
      checkViews,
      checkIntake,
    ])
      rule(ctx);
    return { ok: ctx.errors.length === 0, errors: ctx.errors };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        {
          path: '',
          code: 'spec.internal',
          message: specMessage('spec.internal', { detail }, locale),
          params: { detail },
        },
      ],
    };
  }
}
