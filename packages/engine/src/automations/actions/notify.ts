import { actionConfigSchemas, localize } from '@trellis/spec';
import type { LocaleMap } from '@trellis/spec';
import { resolveRecipients } from '../../notify/recipients';
import { robotPayload, type RobotFormat } from '../../notify/robot-payloads';
import { configError } from '../config';
import { am } from '../messages';
import { renderMessage } from '../template';
import type { ActionInput } from '../types';
import { defineAction, fail } from './define';

/**
 * notify {channel, to?, url?, format?, subject?, message}:
 * - inApp: one notification per recipient (notifications table, shown in the inbox);
 * - webhook: a WeCom / DingTalk robot or JSON body queued in webhook_deliveries (recipients'
 *   mobiles are @-mentioned);
 * - email: one email_outbox row per recipient with an address, sent with nodemailer when SMTP is set.
 * Nothing leaves the process inside the transaction: deliveries are queued and sent later, so a
 * crash can neither lose nor double them.
 */
export const notify = defineAction({
  type: 'notify',
  configSchema: actionConfigSchemas.notify,
  check: (c, locale) => {
    if ((c.channel === 'inApp' || c.channel === 'email') && !c.to) return [configError(locale, '/to', 'notify.needsTo', 'notifyNeedsTo', { channel: c.channel })];
    if (c.channel === 'webhook' && !c.url) return [configError(locale, '/url', 'notify.needsUrl', 'notifyNeedsUrl')];
    return [];
  },
  run: (input, ctx) => {
    const c = input.config;
    const record = input.subject.record;
    const text = renderMessage(c.message as string, record, ctx.locale);
    const title = c.subject ? renderMessage(c.subject as string, record, ctx.locale) : localize(input.automation.label as LocaleMap, ctx.locale);
    const who = resolveRecipients((c.to as string[] | undefined) ?? [], record, ctx.directory);
    const now = ctx.now();
    if (c.channel === 'webhook') {
      const mobiles = who.users.map((u) => u.phone).filter((p): p is string => Boolean(p)).map((p) => p.replace(/^\+86/, ''));
      const body = robotPayload((c.format as RobotFormat | undefined) ?? 'json', { title, text, mobiles, extra: { entity: input.subject.entity, recordId: input.subject.recordId } });
      const id = ctx.nextId();
      ctx.tables.enqueueDelivery({ id, runKey: input.effectKey, url: c.url as string, payload: { method: 'POST', body, timeoutMs: 5000, maxAttempts: 4, format: c.format ?? 'json' }, headers: { 'content-type': 'application/json' }, nextAttemptAt: now, createdAt: now });
      return { ok: true, summary: `${String(c.format ?? 'json')} → ${String(c.url)}`, data: { deliveryId: id, body } };
    }
    if (who.users.length === 0) return fail('notify.noRecipient', am(ctx.locale, 'noRecipient', { detail: who.unresolved.map((u) => `${u.recipient}: ${u.reason}`).join('; ') }));
    if (c.channel === 'email') return email(input, ctx, who.users, title, text, now, who.unresolved);
    for (const u of who.users) {
      ctx.tables.insertNotification({ id: ctx.nextId(), userId: u.userId, kind: 'automation', title, body: text, entity: input.subject.entity, recordId: input.subject.recordId, payload: { automation: input.automation.key, event: input.event.id }, createdAt: now });
    }
    return { ok: true, summary: who.users.map((u) => u.login).join(', '), data: { userIds: who.users.map((u) => u.userId), unresolved: who.unresolved, title, text } };
  },
});

function email(input: ActionInput, ctx: Parameters<typeof notify.run>[1], users: { login: string; email: string | null }[], subject: string, body: string, now: number, unresolved: unknown[]) {
  const addressed = users.filter((u) => u.email);
  if (addressed.length === 0) return fail('notify.noRecipient', am(ctx.locale, 'noRecipient', { detail: 'email' }));
  const ids = addressed.map((u) => {
    const id = ctx.nextId();
    ctx.tables.enqueueEmail({ id, to: u.email as string, subject, body, createdAt: now });
    return id;
  });
  return { ok: true as const, summary: addressed.map((u) => u.email).join(', '), data: { emailIds: ids, unresolved, automation: input.automation.key } };
}
