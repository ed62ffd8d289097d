import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { HttpProblem } from '../http/problem';
import type { AppEnv } from '../types';

/** The property a stored reply keeps the request's fingerprint under (never sent to clients). */
const SEAL = '__requestSha256';

/** sha256 of the request body as sent: a retry sends the same bytes, another request does not. */
export async function bodyFingerprint(c: Context<AppEnv>): Promise<string> {
  return createHash('sha256')
    .update(new Uint8Array(await c.req.arrayBuffer()))
    .digest('hex');
}

/** The reply to store under an Idempotency-Key, with the fingerprint of the request it answered. */
export function sealReply(body: unknown, fingerprint: string | null | undefined): unknown {
  return fingerprint ? { [SEAL]: fingerprint, reply: body } : body;
}

/**
 * A stored reply as the client gets it; `'reused'` when it answered a request with another body
 * (the key was reused for a different submission). Replies stored before fingerprints replay as
 * they are.
 */
export function openReply(
  stored: { status: number; body: unknown },
  fingerprint: string | null | undefined,
): { status: number; body: unknown } | 'reused' {
  const body = stored.body as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object' || !(SEAL in body)) return stored;
  if (fingerprint && body[SEAL] !== fingerprint) return 'reused';
  return { status: stored.status, body: body.reply };
}

/** The 422 answered when an Idempotency-Key comes back with a different body. */
export function keyReused(header: string): HttpProblem {
  return new HttpProblem(422, 'idempotency_key_reused', { key: header.slice(0, 200) }, [
    {
      path: '/Idempotency-Key',
      code: 'idempotency_key_reused',
      message: '',
      params: { key: header.slice(0, 200) },
    },
  ]);
}
