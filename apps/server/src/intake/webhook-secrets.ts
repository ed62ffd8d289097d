import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Repos } from '@trellis/store';
import { safeEqual, sha256Hex } from '../auth/secrets';

/**
 * Secrets of webhook sources (never in the spec). A token source stores only the sha256 of
 * its token; an HMAC source needs the secret itself to check signatures, so it is stored
 * encrypted with AES-256-GCM under the server's secret key.
 */
export function webhookSecrets(store: Repos, key: Buffer | undefined) {
  const get = (source: string) => store.webhookSecrets.get(source);
  const put = (source: string, value: string, now: number) =>
    store.webhookSecrets.put(source, value, now);

  const encrypt = (plain: string): string => {
    if (!key) throw new Error('secretKey is required to store HMAC secrets');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'enc',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join(':');
  };
  const decrypt = (stored: string): string | null => {
    const [tag, iv, auth, ct] = stored.split(':');
    if (tag !== 'enc' || !key || !iv || !auth || !ct) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(auth, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ct, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  };

  return {
    has: async (source: string) => (await get(source)) !== null,
    /** Stores a secret for a source; `hmac` sources keep it encrypted, token sources a hash. */
    set(source: string, authType: 'token' | 'hmac', secret: string, now: number): Promise<void> {
      return put(
        source,
        authType === 'hmac' ? encrypt(secret) : `sha256:${sha256Hex(secret)}`,
        now,
      );
    },
    async checkToken(source: string, token: string | undefined): Promise<boolean> {
      const stored = await get(source);
      if (!stored || !token || !stored.startsWith('sha256:')) return false;
      return safeEqual(stored.slice(7), sha256Hex(token));
    },
    /** Checks a hex HMAC of the raw body; accepts an optional `sha256=` style prefix. */
    async checkSignature(
      source: string,
      algorithm: 'sha256' | 'sha1',
      raw: string,
      signature: string | undefined,
    ): Promise<boolean> {
      const stored = await get(source);
      const secret = stored ? decrypt(stored) : null;
      if (!secret || !signature) return false;
      const given = signature
        .replace(/^(sha256|sha1)=/i, '')
        .trim()
        .toLowerCase();
      const expected = createHmac(algorithm, secret).update(raw, 'utf8').digest('hex');
      return safeEqual(given, expected);
    },
  };
}

export type WebhookSecrets = ReturnType<typeof webhookSecrets>;
