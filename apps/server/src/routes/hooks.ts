import type { Context, Hono } from 'hono';
import type { WebhookSourceSpec } from '@trellis/spec';
import type { ServerContext } from '../context';
import { readRawJson } from '../http/body';
import { clientIp } from '../http/client-ip';
import { busyProblem } from '../http/engine-result';
import { HttpProblem, localeOf } from '../http/problem';
import { captureTouch } from '../intake/capture';
import { readPath } from '../intake/json-path';
import { appendLog } from '../intake/submit';
import type { WebhookSecrets } from '../intake/webhook-secrets';
import { webhookSecrets } from '../intake/webhook-secrets';
import type { AppEnv } from '../types';
import { bodyFingerprint, keyReused, openReply } from '../intake/idempotency';

/** Inbound webhooks: `POST /hooks/:source` — authenticate, map the payload, same write path. */
export function registerHookRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const secrets = webhookSecrets(ctx.store, ctx.options.secretKey);
  app.post('/hooks/:source', (c) => receive(ctx, secrets, c));
}

async function receive(
  ctx: ServerContext,
  secrets: WebhookSecrets,
  c: Context<AppEnv>,
): Promise<Response> {
  const key = c.req.param('source') ?? '';
  const ip = clientIp(c, ctx.options.trustProxy ?? false);
  const now = ctx.now();
  const reject = async (
    status: number,
    code: string,
    params: Record<string, unknown>,
    logStatus: 'rejected' | 'unauthorized' = 'rejected',
  ) => {
    await appendLog(
      ctx.store,
      {
        kind: 'webhook',
        source: key,
        status: logStatus,
        httpStatus: status,
        reasons: [{ path: '', code, message: JSON.stringify(params) }],
        ip,
      },
      now,
    );
    return new HttpProblem(status, code, params);
  };
  const source: WebhookSourceSpec | undefined = (await ctx.spec())?.webhookSources?.find(
    (s) => s.key === key,
  );
  if (!source) throw await reject(404, 'source_not_found', { source: key.slice(0, 64) });

  let parsed: { raw: string; body: Record<string, unknown> };
  try {
    parsed = await readRawJson(c);
  } catch (err) {
    if (err instanceof HttpProblem) throw await reject(err.status, err.code, err.params);
    throw err;
  }
  // Senders that keep failing authentication are slowed down before they fill the log.
  const failGate = await ctx.loginIpLimiter.check(`hook|${ip}`, now);
  if (!failGate.ok)
    throw new HttpProblem(429, 'rate_limited', { seconds: failGate.retryAfterSec }, [], {
      'retry-after': String(failGate.retryAfterSec),
    });
  const header = source.auth.header.toLowerCase();
  if (!(await secrets.has(key)))
    throw await reject(401, 'no_secret', { source: key }, 'unauthorized');
  const authentic =
    source.auth.type === 'token'
      ? await secrets.checkToken(key, c.req.header(header))
      : await secrets.checkSignature(
          key,
          source.auth.algorithm ?? 'sha256',
          parsed.raw,
          c.req.header(header),
        );
  if (!authentic) await ctx.loginIpLimiter.hit(`hook|${ip}`, now);
  if (!authentic)
    throw await reject(
      401,
      source.auth.type === 'token' ? 'bad_token' : 'bad_signature',
      { header },
      'unauthorized',
    );

  const mapped: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(source.mapping)) {
    const value = readPath(parsed.body, path);
    if (value !== undefined) mapped[field] = value;
  }
  // A sender has no uploads here: a file id in a payload would borrow someone's stored file.
  const entitySpec = (await ctx.spec())?.entities.find((e) => e.key === source.entity);
  for (const f of entitySpec?.fields ?? [])
    if (f.type === 'file' && mapped[f.key] !== undefined && mapped[f.key] !== null)
      throw reject(422, 'file_not_found', { id: '' });
  // A payload none of whose mapped paths exist is a broken integration, never an empty 200.
  if (Object.keys(mapped).length === 0)
    throw await reject(422, 'mapping_empty', { paths: Object.values(source.mapping).join(', ') });

  const idemHeader = c.req.header('idempotency-key');
  const idemKey = idemHeader && idemHeader.length <= 200 ? `hook:${key}:${idemHeader}` : null;
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
  const outcome = await ctx.submitIntake({
    kind: 'webhook',
    source: key,
    entity: source.entity,
    values: { ...(source.defaults ?? {}), ...mapped },
    mode: source.mode ?? 'merge',
    touch: captureTouch(parsed.body, c.req.url, undefined),
    ip,
    idempotencyKey: idemKey,
    fingerprint,
    locale: localeOf(c),
    reply: { status: 201, body: { ok: true }, echoRecord: true },
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
  const body = outcome.reply?.body ?? { ok: true };
  return c.json(body as object, 201);
}
