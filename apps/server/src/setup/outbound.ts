import { createSmtpMailer } from '@trellis/engine';
import type { MailerPort } from '@trellis/engine';

/**
 * Secrets named by automations (`secretRef`) come from the environment, never from the spec:
 * `secretRef: "crm-hook"` reads `TRELLIS_SECRET_CRM_HOOK`.
 */
export function envSecrets(env: NodeJS.ProcessEnv): (ref: string) => string | undefined {
  return (ref) => {
    const value = env[`TRELLIS_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
    return value === undefined || value === '' ? undefined : value;
  };
}

export type MailerSetting =
  { ok: true; mailer: MailerPort | undefined } | { ok: false; reason: string };

/**
 * The SMTP mailer from `TRELLIS_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://...:465`) and
 * `TRELLIS_SMTP_FROM`. Without the URL emails stay queued in email_outbox (nothing is lost).
 */
export function envMailer(env: NodeJS.ProcessEnv): MailerSetting {
  const raw = env.TRELLIS_SMTP_URL;
  if (!raw) return { ok: true, mailer: undefined };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'TRELLIS_SMTP_URL is not a URL (smtp://user:pass@host:587)' };
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return { ok: false, reason: 'TRELLIS_SMTP_URL must start with smtp:// or smtps://' };
  const from = env.TRELLIS_SMTP_FROM;
  if (!from)
    return {
      ok: false,
      reason: 'TRELLIS_SMTP_FROM (the sender address) is required with TRELLIS_SMTP_URL',
    };
  const secure = url.protocol === 'smtps:';
  return {
    ok: true,
    mailer: createSmtpMailer({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      ...(url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : {}),
      from,
    }),
  };
}
