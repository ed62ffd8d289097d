import type { Context, Hono } from 'hono';
import { localize } from '@trellis/spec';
import { checkFormRules } from '@trellis/rules';
import type { ServerContext } from '../context';
import { readObject } from '../http/body';
import { clientIp } from '../http/client-ip';
import { busyProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import type { ProblemError } from '../http/problem';
import { captureTouch, UTM_KEYS } from '../intake/capture';
import { coerceFormValue } from '../intake/coerce';
import { appendLog } from '../intake/submit';
import { currentForm, HONEYPOT } from '../public-form/live-forms';
import type { AppEnv } from '../types';
import { bodyFingerprint, keyReused, openReply } from '../intake/idempotency';

const META_KEYS = new Set<string>([...UTM_KEYS, 'referrer', 'landing_url', HONEYPOT]);

/** Public intake forms: `POST /f/:form` and the form definition the public page renders. */
export function registerFormRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  // The same projection the page at GET /f/:form is built from: only what the form shows.
  app.get('/api/v1/public/forms/:form', async (c) => {
    const live = await currentForm(ctx.engine, c.req.param('form'));
    if (!live)
      throw new HttpProblem(404, 'form_not_found', { form: c.req.param('form').slice(0, 64) });
    return c.json(live.projection);
  });

  app.post('/f/:form', async (c) => submitForm(ctx, c));
}

async function submitForm(ctx: ServerContext, c: Context<AppEnv>): Promise<Response> {
  const locale = localeOf(c);
  const ref = c.req.param('form') ?? '';
  const live = await currentForm(ctx.engine, ref);
  if (!live) throw new HttpProblem(404, 'form_not_found', { form: ref.slice(0, 64) });
  const { form, entity } = live;
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
  const fingerprint = idemKey ? await bodyFingerprint(c) : null;
  if (idemKey && idemHeader) {
    const stored = await ctx.store.idempotency.get(idemKey);
    const previous = stored ? openReply(stored, fingerprint) : null;
    if (previous === 'reused') throw keyReused(idemHeader);
    if (previous)
      return c.json(previous.body as object, previous.status as 201, {
        'idempotent-replayed': 'true',
      });
  }

  const gate = await ctx.intakeLimiter.hit(`form|${ip}`, now);
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

  // The form's placements and the entity's fields, as the live form holds them (built once a spec).
  const placed = live.layout.byKey;
  const fields = live.model.fields;
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
    // A public submitter has no uploads of their own: a file id in a form borrows someone's file.
    if (field.type === 'file' && raw !== null && raw !== undefined && raw !== '') {
      errors.push({ path: `/${key}/0`, code: 'file_not_found', message: '', params: { id: '' } });
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
  // The form's own rules, as the page ran them: hidden and locked inputs are dropped, its
  // requiredIf holds. Entity rules are the engine's, applied to what is left (validated once,
  // there: checkFormRules runs them here only when the form may add a problem).
  const checked = checkFormRules(live.model, live.layout, values, {
    locale,
    via: 'intake',
    now,
    defaults: form.defaults ?? {},
  });
  for (const key of checked.dropped) delete values[key];
  if (checked.formErrors.length > 0) {
    await appendLog(
      ctx.store,
      {
        kind: 'form',
        source: form.key,
        status: 'rejected',
        httpStatus: 422,
        reasons: checked.formErrors.map((e) => ({
          path: e.path,
          code: e.code,
          message: e.message,
        })),
        ip,
        idempotencyKey: idemKey,
      },
      now,
    );
    throw new HttpProblem(422, 'validation', {}, checked.formErrors);
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
    fingerprint,
    locale,
    // Merged and new submissions answer alike, so a form cannot probe who is already a lead.
    // The writer needs the answer only to keep it for a replay of the same Idempotency-Key:
    // without one it would cross to the writer and back for nothing.
    ...(idemKey ? { reply: { status: 201, body: success } } : {}),
  });
  if (!outcome.ok && outcome.reused && idemHeader) throw keyReused(idemHeader);
  if (!outcome.ok && outcome.status === 503) throw busyProblem();
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
