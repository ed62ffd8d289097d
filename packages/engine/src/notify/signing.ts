import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed outbound webhook (docs/automations.md). */
export const SIGNATURE_HEADER = 'x-trellis-signature';
export const TIMESTAMP_HEADER = 'x-trellis-timestamp';
export const DELIVERY_HEADER = 'x-trellis-delivery';

/**
 * Signature of an outbound webhook: `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`).
 * Signing the timestamp with the body lets receivers refuse replays of old deliveries.
 */
export function signWebhook(secret: string, timestampMs: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
}

/** Receiver-side check (constant time). Exported for tests, docs and integrators' examples. */
export function verifyWebhook(
  secret: string,
  timestampMs: number,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestampMs, body));
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
