import type { LocaleMap } from '@trellis/spec';
import { generatePassword } from '../auth/password';
import type { ServerContext } from '../context';
import { webhookSecrets } from '../intake/webhook-secrets';

/** A webhook source of the live spec and whether its secret is set. */
export type WebhookSourceInfo = {
  key: string;
  label: LocaleMap;
  entity: string;
  auth: 'token' | 'hmac';
  header: string;
  endpoint: string;
  secretSet: boolean;
};

export type WebhookSecretResult =
  | { ok: true; source: string; auth: 'token' | 'hmac'; header: string; secret: string }
  | { ok: false; code: 'source_not_found' | 'secret_too_short' | 'secret_key_missing' };

/** Webhook sources of the live spec with their secret state (never the secret). */
export async function webhookSourceList(ctx: ServerContext): Promise<WebhookSourceInfo[]> {
  const secrets = webhookSecrets(ctx.store, ctx.options.secretKey);
  const out: WebhookSourceInfo[] = [];
  for (const w of (await ctx.spec())?.webhookSources ?? [])
    out.push({
      key: w.key,
      label: w.label,
      entity: w.entity,
      auth: w.auth.type,
      header: w.auth.header,
      endpoint: `/hooks/${w.key}`,
      secretSet: await secrets.has(w.key),
    });
  return out;
}

/**
 * Sets the secret of a webhook source — the one place the API and the CLI store it: a token
 * source keeps its sha256, an HMAC source the secret encrypted under the data dir's key.
 * Without `secret` a 32-character one is generated; the caller shows it once.
 */
export async function setWebhookSecret(
  ctx: ServerContext,
  key: string,
  secret?: string,
): Promise<WebhookSecretResult> {
  const source = (await ctx.spec())?.webhookSources?.find((w) => w.key === key);
  if (!source) return { ok: false, code: 'source_not_found' };
  if (secret !== undefined && secret.length < 16) return { ok: false, code: 'secret_too_short' };
  if (source.auth.type === 'hmac' && !ctx.options.secretKey)
    return { ok: false, code: 'secret_key_missing' };
  const value = secret ?? generatePassword(32);
  await webhookSecrets(ctx.store, ctx.options.secretKey).set(
    source.key,
    source.auth.type,
    value,
    ctx.now(),
  );
  return {
    ok: true,
    source: source.key,
    auth: source.auth.type,
    header: source.auth.header,
    secret: value,
  };
}
