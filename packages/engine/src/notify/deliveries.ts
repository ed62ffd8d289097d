import type { Runtime } from '../automations/runtime';
import { backoffDelay, type BackoffPolicy, defaultBackoff } from './backoff';
import { dingtalkSignedUrl } from './robot-payloads';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signing';

type Envelope = {
  method?: string;
  body?: unknown;
  timeoutMs?: number;
  maxAttempts?: number;
  secretRef?: string | null;
  /** How `secretRef` signs: our HMAC headers (default) or DingTalk's URL parameters. */
  signing?: 'trellis' | 'dingtalk';
};

/** How long a delivery stays claimed by the sender (longer than any attempt's timeout). */
const CLAIM_MS = 60_000;

/** Outcome counts of one delivery pass. */
export type DeliveryReport = { delivered: number; retried: number; dead: number };

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends due webhook deliveries (callWebhook, notify webhook) through the injected HTTP port:
 * each attempt is signed afresh (timestamp + HMAC-SHA256 when a secret is named), bounded by
 * its timeout; a 2xx marks it delivered, anything else schedules a retry with exponential
 * backoff, and after the last attempt the delivery is dead-lettered (status 'dead', kept with
 * its last error for the run log / admin). Without an HTTP port nothing is sent.
 */
export async function deliverWebhooks(
  rt: Runtime,
  policy: BackoffPolicy = defaultBackoff,
  limit = 50,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retried: 0, dead: 0 };
  const http = rt.deps.http;
  if (!http) return report;
  const now = rt.now();
  // Claim due deliveries in one statement by pushing their next attempt past the longest
  // timeout: a concurrent deliver() (another loop, another process) cannot send them twice.
  const rows = await rt.store.deliveries.claimDue(now, now + CLAIM_MS, limit);
  for (const row of rows) {
    const env = (row.payload ?? {}) as Envelope;
    const body = typeof env.body === 'string' ? env.body : JSON.stringify(env.body ?? null);
    const headers: Record<string, string> = { ...row.headers, [DELIVERY_HEADER]: row.id };
    const ts = rt.now();
    let error: string | null = null;
    let url = row.url;
    if (env.secretRef) {
      const secret = rt.deps.secrets?.(env.secretRef);
      if (secret === undefined) error = `secret "${env.secretRef}" is not configured`;
      else if (env.signing === 'dingtalk') url = dingtalkSignedUrl(row.url, secret, ts);
      else
        Object.assign(headers, {
          [TIMESTAMP_HEADER]: String(ts),
          [SIGNATURE_HEADER]: signWebhook(secret, ts, body),
        });
    }
    const timeoutMs = env.timeoutMs ?? 5000;
    // A refused target (an internal address the operator did not allow) will not change on retry.
    let permanent = false;
    if (error === null) {
      try {
        const method = env.method ?? 'POST';
        const res = await withTimeout(
          http({ url, method, headers, ...(method === 'GET' ? {} : { body }), timeoutMs }),
          timeoutMs,
        );
        if (res.status < 200 || res.status >= 300)
          error = `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        permanent = (e as { permanent?: unknown }).permanent === true;
      }
    }
    const attempts = row.attempts + 1;
    const at = rt.now();
    if (error === null) {
      await rt.store.deliveries.delivered(row.id, attempts, at);
      report.delivered++;
    } else if (permanent || attempts >= (env.maxAttempts ?? 4)) {
      await rt.store.deliveries.dead(row.id, attempts, error);
      report.dead++;
    } else {
      await rt.store.deliveries.retry(row.id, attempts, error, at + backoffDelay(attempts, policy));
      report.retried++;
    }
  }
  return report;
}

/**
 * Sends queued emails through the mailer port (nodemailer over SMTP in production, see
 * notify/smtp-mailer.ts). Without a mailer, emails stay 'pending'. Failures retry up to
 * `maxAttempts`, then the email is marked 'failed'.
 */
export async function sendEmails(
  rt: Runtime,
  maxAttempts = 5,
  limit = 50,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retried: 0, dead: 0 };
  const mailer = rt.deps.mailer;
  if (!mailer) return report;
  // Claimed with status 'sending' so a concurrent pass skips them.
  const rows = await rt.store.emails.claim(limit);
  for (const r of rows) {
    try {
      await mailer.send({ to: r.to, subject: r.subject, text: r.body });
      await rt.store.emails.sent(r.id, rt.now());
      report.delivered++;
    } catch (e) {
      const dead = r.attempts + 1 >= maxAttempts;
      await rt.store.emails.failed(r.id, e instanceof Error ? e.message : String(e), dead);
      if (dead) report.dead++;
      else report.retried++;
    }
  }
  return report;
}
