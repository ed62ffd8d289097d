import type { Context, Hono } from 'hono';
import type { AppSpec, FieldSpec, FormSpec } from '@trellis/spec';
import { localize } from '@trellis/spec';
import type { ServerContext } from '../context';
import { readObject } from '../http/body';
import { clientIp } from '../http/client-ip';
import { HttpProblem, localeOf } from '../http/problem';
import type { ProblemError } from '../http/problem';
import { captureTouch, UTM_KEYS } from '../intake/capture';
import { coerceFormValue } from '../intake/coerce';
import { appendLog } from '../intake/submit';
import type { AppEnv } from '../types';

/** Name of the honeypot input rendered invisibly on public forms; people leave it empty. */
export const HONEYPOT = '_hp';
const META_KEYS = new Set<string>([...UTM_KEYS, 'referrer', 'landing_url', HONEYPOT]);

/** The public form behind `/f/:form` (slug or key). */
export function findPublicForm(spec: AppSpec | null, ref: string): FormSpec | undefined {
  return spec?.forms?.find((f) => f.public === true && (f.slug === ref || f.key === ref));
}

/** Keys of the entity fields placed on a form. */
export function formFieldKeys(form: FormSpec): string[] {
  return form.sections.flatMap((s) => s.fields.map((p) => (typeof p === 'string' ? p : p.field)));
}

/** Public intake forms: `POST /f/:form` and the form definition the public page renders. */
export function registerFormRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/public/forms/:form', async (c) => {
    const spec = await ctx.spec();
    const form = findPublicForm(spec, c.req.param('form'));
    const entity = form && spec?.entities.find((e) => e.key === form.entity);
    if (!form || !entity)
      throw new HttpProblem(404, 'form_not_found', { form: c.req.param('form').slice(0, 64) });
    const keys = new Set(formFieldKeys(form));
    // Only what the page needs: the form and the definitions of the fields placed on it.
    const { defaults: _defaults, ...publicForm } = form;
    return c.json({
      form: publicForm,
      entity: {
        key: entity.key,
        label: entity.label,
        fields: entity.fields.filter((f) => keys.has(f.key)),
      },
      honeypot: HONEYPOT,
    });
  });

  app.post('/f/:form', async (c) => submitForm(ctx, c));
}

async function submitForm(ctx: ServerContext, c: Context<AppEnv>): Promise<Response> {
  const locale = localeOf(c);
  const spec = await ctx.spec();
  const ref = c.req.param('form') ?? '';
  const form = findPublicForm(spec, ref);
  const entity = form && spec?.entities.find((e) => e.key === form.entity);
  if (!form || !entity) throw new HttpProblem(404, 'form_not_found', { form: ref.slice(0, 64) });
  const ip = clientIp(c, ctx.options.trustProxy ?? false);
  const now = ctx.now();

  const idemHeader = c.req.header('idempotency-key');
  if (idemHeader !== undefined && (idemHeader.length === 0 || idemHeader.length > 200)) {
    throw new HttpProblem(400, 'invalid_value', { reason: 'Idempotency-Key' }, [
      {
        path: '/Idempotency-Key',
        code: 'invalid_value',
        message: '',
        params: { reason: 'Idempotency-Key' },
      },
    ]);
  }
  const idemKey = idemHeader ? `form:${form.key}:${idemHeader}` : null;
  if (idemKey) {
    const previous = await ctx.store.idempotency.get(idemKey);
    if (previous)
      return c.json(previous.body as object, previous.status as 201, {
        'idempotent-replayed': 'true',
      });
  }

  const gate = ctx.intakeLimiter.hit(`form|${ip}`, now);
  if (!gate.ok) {
    await appendLog(
      ctx.store,
      {
        kind: 'form',
        source: form.key,
        status: 'rejected',
        httpStatus: 429,
        reasons: [{ path: '', code: 'rate_limited', message: 'rate limited' }],
        ip,
      },
      now,
    );
    throw new HttpProblem(429, 'rate_limited', { seconds: gate.retryAfterSec }, [], {
      'retry-after': String(gate.retryAfterSec),
    });
  }

  const { body, form: urlencoded } = await readObject(c, { allowForm: true });
  const success = {
    ok: true,
    message: localize(
      form.successMessage ?? {
        'zh-CN': '提交成功，我们会尽快联系你。',
        en: 'Thank you, we will be in touch soon.',
      },
      locale,
    ),
    ...(form.redirectUrl ? { redirectUrl: form.redirectUrl } : {}),
  };

  // A filled honeypot is a bot: answer like a success so it learns nothing, write nothing.
  const trap = body[HONEYPOT];
  if (trap !== undefined && trap !== '' && trap !== null) {
    await appendLog(
      ctx.store,
      {
        kind: 'form',
        source: form.key,
        status: 'rejected',
        httpStatus: 201,
        reasons: [{ path: `/${HONEYPOT}`, code: 'honeypot', message: 'honeypot filled' }],
        ip,
        idempotencyKey: idemKey,
      },
      now,
    );
    return c.json(success, 201);
  }

  const placed = new Set(formFieldKeys(form));
  const fields = new Map<string, FieldSpec>(entity.fields.map((f) => [f.key, f]));
  const values: Record<string, unknown> = {};
  const errors: ProblemError[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (META_KEYS.has(key) || key.startsWith('_')) continue;
    const field = fields.get(key);
    if (!field || !placed.has(key)) {
      errors.push({
        path: `/${key.slice(0, 64)}`,
        code: 'unknown_field',
        message: '',
        params: { field: key.slice(0, 64) },
      });
      continue;
    }
    values[key] = urlencoded ? coerceFormValue(field, raw as string | string[]) : raw;
  }
  if (errors.length > 0) {
    await appendLog(
      ctx.store,
      {
        kind: 'form',
        source: form.key,
        status: 'rejected',
        httpStatus: 422,
        reasons: errors.map((e) => ({ path: e.path, code: e.code, message: e.code })),
        ip,
        idempotencyKey: idemKey,
      },
      now,
    );
    throw new HttpProblem(422, 'validation', {}, errors);
  }
  // The form's defaults and captureInto are applied by the engine (withCaptured), in that
  // order of precedence: a captured utm_source beats a default source.
  const outcome = await ctx.submitIntake({
    kind: 'form',
    source: form.key,
    entity: entity.key,
    values,
    mode: form.mode ?? 'merge',
    touch: captureTouch(body, c.req.url, c.req.header('referer')),
    ip,
    idempotencyKey: idemKey,
    locale,
    // Merged and new submissions answer alike, so a form cannot probe who is already a lead.
    reply: { status: 201, body: success },
  });
  if (!outcome.ok)
    throw new HttpProblem(
      outcome.status,
      outcome.error.code,
      {},
      outcome.error.errors ?? [],
      {},
      outcome.error.message,
    );
  // A twin with the same Idempotency-Key finished first: answer what it answered.
  if (outcome.replayed && outcome.reply)
    return c.json(outcome.reply.body as object, outcome.reply.status as 201, {
      'idempotent-replayed': 'true',
    });
  return c.json(success, 201);
}
