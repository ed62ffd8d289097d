import type { Hono } from 'hono';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { HttpProblem } from '../http/problem';
import { webhookSecrets } from '../intake/webhook-secrets';
import { setWebhookSecret } from '../setup/webhook-secret';
import type { Actor, AppEnv } from '../types';

const DAY = 86_400_000;

type LogRow = { status: string; http_status: number; reasons: string | null; at: number };

/** Health of one intake source from `intake_log`: last success, last failure and daily counts. */
export function sourceHealth(ctx: ServerContext, kind: 'form' | 'webhook', key: string, days = 14) {
  const s = ctx.db.sqlite;
  const lastOk = s
    .prepare(
      "SELECT at FROM intake_log WHERE kind = ? AND source_key = ? AND status IN ('accepted', 'merged') ORDER BY at DESC LIMIT 1",
    )
    .get(kind, key) as { at: number } | undefined;
  const lastFail = s
    .prepare(
      "SELECT status, http_status, reasons, at FROM intake_log WHERE kind = ? AND source_key = ? AND status IN ('rejected', 'unauthorized') ORDER BY at DESC LIMIT 1",
    )
    .get(kind, key) as LogRow | undefined;
  const since = Math.floor(ctx.now() / DAY) * DAY - (days - 1) * DAY;
  const rows = s
    .prepare(
      'SELECT (at / 86400000) AS day, status, count(*) AS n FROM intake_log WHERE kind = ? AND source_key = ? AND at >= ? GROUP BY day, status ORDER BY day',
    )
    .all(kind, key, since) as { day: number; status: string; n: number }[];
  const perDay = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const entry = perDay.get(r.day) ?? { accepted: 0, merged: 0, rejected: 0, unauthorized: 0 };
    entry[r.status] = r.n;
    perDay.set(r.day, entry);
  }
  const now = ctx.now();
  return {
    lastSuccessAt: lastOk?.at ?? null,
    lastFailureAt: lastFail?.at ?? null,
    lastFailure: lastFail
      ? {
          status: lastFail.status,
          httpStatus: lastFail.http_status,
          reasons: lastFail.reasons ? (JSON.parse(lastFail.reasons) as unknown) : [],
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
  app.get('/api/v1/intake/sources', (c) => {
    const actor = requireActor(c);
    requireIntakeWatch(ctx, actor);
    const spec = ctx.spec();
    const secrets = webhookSecrets(ctx.db, ctx.options.secretKey);
    return c.json({
      items: [
        ...(spec?.webhookSources ?? []).map((w) => ({
          kind: 'webhook',
          key: w.key,
          label: w.label,
          entity: w.entity,
          auth: w.auth.type,
          endpoint: `/hooks/${w.key}`,
          secretSet: secrets.has(w.key),
          alertAfter: w.alertAfter ?? null,
          health: sourceHealth(ctx, 'webhook', w.key),
        })),
        ...(spec?.forms ?? [])
          .filter((f) => f.public)
          .map((f) => ({
            kind: 'form',
            key: f.key,
            label: f.label,
            entity: f.entity,
            endpoint: `/f/${f.slug ?? f.key}`,
            alertAfter: f.alertAfter ?? null,
            health: sourceHealth(ctx, 'form', f.key),
          })),
      ],
    });
  });

  app.get('/api/v1/intake/sources/:kind/:key/log', (c) => {
    const actor = requireActor(c);
    requireIntakeWatch(ctx, actor);
    const kind = c.req.param('kind');
    if (kind !== 'form' && kind !== 'webhook') throw new HttpProblem(404, 'not_found');
    const rows = ctx.db.sqlite
      .prepare(
        'SELECT id, status, http_status AS httpStatus, reasons, record_id AS recordId, ip, at FROM intake_log WHERE kind = ? AND source_key = ? ORDER BY at DESC LIMIT 100',
      )
      .all(kind, c.req.param('key')) as { reasons: string | null }[];
    return c.json({
      items: rows.map((r) => ({
        ...r,
        reasons: r.reasons ? (JSON.parse(r.reasons) as unknown) : [],
      })),
    });
  });

  // Sets (or generates) the secret of a webhook source; the secret is shown only in this answer.
  app.put('/api/v1/intake/webhooks/:key/secret', async (c) => {
    const actor = requireActor(c);
    requireIntakeRights(ctx, actor);
    const key = c.req.param('key');
    if (!ctx.spec()?.webhookSources?.some((w) => w.key === key))
      throw new HttpProblem(404, 'source_not_found', { source: key.slice(0, 64) });
    const { body } = await readObject(c, { optional: true });
    // A missing or too short secret is replaced by a generated one (the answer shows which).
    const given =
      typeof body.secret === 'string' && body.secret.length >= 16 ? body.secret : undefined;
    const set = setWebhookSecret(ctx, key, given);
    if (!set.ok) throw new Error(`webhook secret not stored: ${set.code}`);
    return c.json({ source: set.source, auth: set.auth, header: set.header, secret: set.secret });
  });
}
