import type { EntitySpec } from '@trellis/spec';
import { getEntity } from '@trellis/spec';
import type { Locale } from '../../ports';
import { schemaErrors } from '../config';
import { am } from '../messages';
import type {
  ActionContext,
  ActionInput,
  ActionModule,
  ActionResult,
  AutomationError,
} from '../types';
import type { WriteResult } from '../records-port';

type Spec = {
  type: string;
  configSchema: object;
  check?: (config: Record<string, unknown>, locale: Locale) => AutomationError[];
  run: (input: ActionInput, ctx: ActionContext) => Promise<ActionResult>;
};

/** Builds an action module whose validateConfig runs the schema, then the semantic checks. */
export function defineAction(spec: Spec): ActionModule {
  return {
    type: spec.type,
    configSchema: spec.configSchema,
    validateConfig(config, locale = 'zh-CN') {
      const errors = schemaErrors(spec.configSchema, config, locale);
      if (errors.length > 0 || !spec.check) return errors;
      return spec.check(config as Record<string, unknown>, locale);
    },
    run: spec.run,
  };
}

/** A failed action result. */
export function fail(code: string, message: string, errors?: AutomationError[]): ActionResult {
  return { ok: false, code, message, ...(errors && errors.length ? { errors } : {}) };
}

/** The subject record, or a failure explaining there is none. */
export function needRecord(
  input: ActionInput,
  ctx: ActionContext,
): { entity: string; id: string } | ActionResult {
  const { entity, recordId } = input.subject;
  if (!entity || !recordId) return fail('action.noRecord', am(ctx.locale, 'noRecord'));
  return { entity, id: recordId };
}

/** Maps a refused write to a failed action result (keeping the write path's field errors). */
export function fromWrite(r: Extract<WriteResult, { ok: false }>, locale: Locale): ActionResult {
  return fail(
    `write.${r.error.code}`,
    am(locale, 'writeRefused', { detail: r.error.message }),
    r.error.errors?.map((e) => ({ ...e })),
  );
}

/** Evaluates `{field: literal | logic}` against the record; literals pass through unchanged. */
export function evaluateValues(
  values: Record<string, unknown>,
  input: ActionInput,
  ctx: ActionContext,
): { ok: true; values: Record<string, unknown> } | { ok: false; result: ActionResult } {
  const out: Record<string, unknown> = {};
  const data = input.subject.record ?? {};
  for (const [field, expr] of Object.entries(values)) {
    if (expr === null || typeof expr !== 'object') {
      out[field] = expr;
      continue;
    }
    const r = ctx.evaluate(expr, data, input.subject.previous);
    if (!r.ok)
      return {
        ok: false,
        result: fail(
          'action.valueFailed',
          am(ctx.locale, 'valueFailed', { field, detail: r.message }),
          [{ path: `/values/${field}`, code: 'logic', message: r.message }],
        ),
      };
    out[field] = r.value;
  }
  return { ok: true, values: out };
}

/** The spec entity of the subject record (for option labels in messages), if any. */
export function entityOf(ctx: ActionContext, input: ActionInput): EntitySpec | undefined {
  return input.subject.entity ? getEntity(ctx.spec, input.subject.entity) : undefined;
}
