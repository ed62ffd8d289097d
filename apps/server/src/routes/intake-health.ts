import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { HttpProblem } from '../http/problem';
import { webhookSecrets } from '../intake/webhook-secrets';
import { setWebhookSecret } from '../setup/webhook-secret';
import type { Actor, AppEnv } from '../types';

const DAY = 86_400_000;

/** Health of one intake source from the intake log: last success, last failure and daily counts. */
async function sourceHealth(ctx: ServerContext, kind: 'form' | 'webhook', key: string, days = 14) {
  const log = ctx.store.intakeLog;
  const lastOk = await log.last(kind, key, ['accepted', 'merged']);
  const lastFail = await log.last(kind, key, ['rejected', 'unauthorized']);
  const since = Math.floor(ctx.now() / DAY) * DAY - (days - 1) * DAY;
  const perDay = new Map<number, Record<string, number>>();
  for (const r of await log.daily(kind, key, since)) {
    const entry = perDay.get(r.day) ?? { accepted: 0, merged: 0, rejected: 0, unauthorized: 0 };
    entry[r.status] = r.count;
    perDay.set(r.day, entry);
  }
  const now = ctx.now();
  return {
    lastSuccessAt: lastOk?.at ?? null,
    lastFailureAt: lastFail?.at ?? null,
    lastFailure: lastFail
      ? {
          status: lastFail.status,
          httpStatus: lastFail.httpStatus,
          reasons: lastFail.reasons ?? [],
        }
      : null,
    // How long the source has been silent: the number a builder watches (seed 003: a source silent for 72 h).
    silentForMs: lastOk ? now - lastOk.at : null,
    failingSinceLastSuccess: Boolean(lastFail && (!lastOk || lastFail.at > lastOk.at)),
    days: [...perDay.entries()].map(([day, counts]) => ({
      day: new Date(day * DAY).toISOString().slice(0, 10),
      ...counts,
    })),
  };
}

// Health is read by whoever watches the process (capability `monitor`); secrets only by intake managers.
function requireIntakeWatch(ctx: ServerContext, actor: Actor): void {
  if (!ctx.engine.permissions.hasCapability(actor, 'monitor')) requireIntakeRights(ctx, actor);
}

function requireIntakeRights(ctx: ServerContext, actor: Actor): void {
  if (
    !ctx.engine.permissions.hasCapability(actor, 'manageIntake') &&
    !ctx.engine.permissions.hasCapability(actor, 'build')
  )
    throw new HttpProblem(403, 'forbidden');
}

/** Intake sources (public forms and webhook sources) with health, and webhook secrets. */
export function registerIntakeHealthRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/intake/sources', async (c) => {
    const actor = requireActor(c);
    requireIntakeWatch(ctx, actor);
    const spec = await ctx.spec();
    const secrets = webhookSecrets(ctx.store, ctx.options.secretKey);
    const items: unknown[] = [];
    for (const w of spec?.webhookSources ?? [])
      items.push({
        kind: 'webhook',
        key: w.key,
        label: w.label,
        entity: w.entity,
        auth: w.auth.type,
        endpoint: `/hooks/${w.key}`,
        secretSet: await secrets.has(w.key),
        alertAfter: w.alertAfter ?? null,
        health: await sourceHealth(ctx, 'webhook', w.key),
      });
    for (const f of (spec?.forms ?? []).filter((f) => f.public))
      items.push({
        kind: 'form',
        key: f.key,
        label: f.label,
        entity: f.entity,
        endpoint: `/f/${f.slug ?? f.key}`,
        alertAfter: f.alertAfter ?? null,
        health: await sourceHealth(ctx, 'form', f.key),
      });
    return c.json({ items });
  });

  app.get('/api/v1/intake/sources/:kind/:key/log', async (c) => {
    const actor = requireActor(c);
    requireIntakeWatch(ctx, actor);
    const kind = c.req.param('kind');
    if (kind !== 'form' && kind !== 'webhook') throw new HttpProblem(404, 'not_found');
    const rows = await ctx.store.intakeLog.recent(kind, c.req.param('key'), 100);
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        status: r.status,
        httpStatus: r.httpStatus,
        reasons: r.reasons ?? [],
        recordId: r.recordId,
        ip: r.ip,
        at: r.at,
      })),
    });
  });

  // Sets (or generates) the secret of a webhook source; the secret is shown only in this answer.
  app.put('/api/v1/intake/webhooks/:key/secret', async (c) => {
    const actor = requireActor(c);
    requireIntakeRights(ctx, actor);
    const key = c.req.param('key');
    if (!(await ctx.spec())?.webhookSources?.some((w) => w.key === key))
      throw new HttpProblem(404, 'source_not_found', { source: key.slice(0, 64) });
    const { body } = await readObject(c, { optional: true });
    // A missing or too short secret is replaced by a generated one (the answer shows which).
    const given =
      typeof body.secret === 'string' && body.secret.length >= 16 ? body.secret : undefined;
    const set = await setWebhookSecret(ctx, key, given);
    if (!set.ok) throw new Error(`webhook secret not stored: ${set.code}`);
    return c.json({ source: set.source, auth: set.auth, header: set.header, secret: set.secret });
  });
}
