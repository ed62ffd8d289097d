import { problemErrors } from '@trellis/forms';
import type { FieldError, Locale, RecordData } from '@trellis/rules';
import { pageMessage } from './messages';

/** What the server answered to a submission, as the page needs it. */
export type SubmitResult =
  | { ok: true; message: string | null; redirectUrl: string | null }
  | { ok: false; errors: FieldError[] };

/** UTM parameters, referrer and landing address of this visit, sent with the answers. */
export function attribution(location: Location, referrer: string): Record<string, string> {
  const params = new URLSearchParams(location.search);
  const out: Record<string, string> = {};
  for (const key of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term']) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  // Embedded: the host page sends its own address and referrer through the frame's link.
  const landing = params.get('landing_url') ?? location.href;
  const from = params.get('referrer') ?? referrer;
  out.landing_url = landing;
  if (from) out.referrer = from;
  return out;
}

/**
 * Posts the answers once. The same `idempotencyKey` on a retry (double tap, dropped
 * connection) makes the server answer the first result instead of creating a second lead.
 */
export async function postAnswers(opts: {
  url: string;
  values: RecordData;
  extra: Record<string, string>;
  idempotencyKey: string;
  locale: Locale;
}): Promise<SubmitResult> {
  let res: Response;
  try {
    res = await fetch(opts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'accept-language': opts.locale,
        'idempotency-key': opts.idempotencyKey,
      },
      body: JSON.stringify({ ...opts.values, ...opts.extra }),
    });
  } catch {
    return { ok: false, errors: [formError('network', pageMessage(opts.locale, 'network'))] };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.ok)
    return {
      ok: true,
      message: typeof body?.message === 'string' ? body.message : null,
      redirectUrl: typeof body?.redirectUrl === 'string' ? body.redirectUrl : null,
    };
  if (res.status === 429) {
    const seconds = res.headers.get('retry-after') ?? '60';
    return {
      ok: false,
      errors: [formError('rate_limited', pageMessage(opts.locale, 'rateLimited', { seconds }))],
    };
  }
  const errors = problemErrors(body);
  if (res.status < 500 && errors.length > 0) return { ok: false, errors };
  const detail = typeof body?.detail === 'string' && res.status < 500 ? body.detail : null;
  return {
    ok: false,
    errors: [formError('server', detail ?? pageMessage(opts.locale, 'serverError'))],
  };
}

const formError = (code: string, message: string): FieldError => ({ path: '', code, message });

/** A fresh idempotency key for one filling of the form. */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
