/** Secrets of intake webhook sources (a token hash or an encrypted HMAC secret), never in the spec. */
export type WebhookSecretRepo = {
  get(sourceKey: string): Promise<string | null>;
  put(sourceKey: string, value: string, now: number): Promise<void>;
};
