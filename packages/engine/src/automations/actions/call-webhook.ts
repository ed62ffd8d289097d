import { actionConfigSchemas } from '@trellis/spec';
import { evaluateBody } from '../body-template';
import { am } from '../messages';
import { defineAction, fail } from './define';

/**
 * callWebhook {url, method?, headers?, body?, secretRef?, timeoutMs?, retries?}: queues a
 * delivery in webhook_deliveries (same transaction as the run). The delivery loop sends it with
 * the timeout, signs each attempt with HMAC-SHA256 when `secretRef` names a secret, retries
 * with exponential backoff and moves it to dead-letter ('dead') after the last retry.
 */
export const callWebhook = defineAction({
  type: 'callWebhook',
  configSchema: actionConfigSchemas.callWebhook,
  run: async (input, ctx) => {
    const c = input.config;
    const record = input.subject.record;
    if (typeof c.secretRef === 'string' && ctx.secret(c.secretRef) === undefined)
      return fail('webhook.unknownSecret', am(ctx.locale, 'unknownSecret', { ref: c.secretRef }));
    let body: unknown = {
      event: input.event.type,
      automation: input.automation.key,
      entity: input.subject.entity,
      record,
    };
    if (c.body !== undefined) {
      const r = evaluateBody(c.body, record ?? {}, input.subject.previous, ctx);
      if (!r.ok)
        return fail(
          'action.valueFailed',
          am(ctx.locale, 'valueFailed', { field: 'body', detail: r.message }),
        );
      body = r.value;
    }
    const id = ctx.nextId();
    const now = ctx.now();
    const headers = {
      'content-type': 'application/json',
      ...((c.headers as Record<string, string> | undefined) ?? {}),
    };
    await ctx.db.deliveries.enqueue({
      id,
      runKey: input.effectKey,
      url: c.url as string,
      payload: {
        method: (c.method as string | undefined) ?? 'POST',
        body,
        timeoutMs: (c.timeoutMs as number | undefined) ?? 5000,
        maxAttempts: ((c.retries as number | undefined) ?? 3) + 1,
        secretRef: c.secretRef ?? null,
      },
      headers,
      nextAttemptAt: now,
      createdAt: now,
    });
    return {
      ok: true,
      summary: `${String(c.method ?? 'POST')} ${String(c.url)}`,
      data: { deliveryId: id },
    };
  },
});
