import { actionConfigSchemas, localize } from '@trellis/spec';
import type { LocaleMap } from '@trellis/spec';
import type { Locale } from '../../ports';
import { resolveRecipients } from '../../notify/recipients';
import { robotPayload, type RobotFormat } from '../../notify/robot-payloads';
import type { UserInfo } from '../directory';
import { configError } from '../config';
import { am } from '../messages';
import { renderMessageSpans } from '../template';
import { inEveryLocale, TEXTS_KEY } from '../../redaction/localized-texts';
import { TEXT_SPANS_KEY, type TextSpans } from '../../redaction/text-spans';
import type { ActionContext, ActionInput, ActionResult, AutomationError } from '../types';
import { defineAction, entityOf, fail } from './define';

/**
 * Marks a notify config whose subject and message an action wrote itself (digest) from data: sent
 * as written, with no `{{…}}` filled — a dashboard label or a campaign's utm value that holds
 * braces is text, not a placeholder for the subject record's fields. A symbol, so no spec can set
 * it. Its value is `true`, or the text in each language it was written in (a reader of another
 * language then reads the subject and message).
 */
export const AS_WRITTEN: unique symbol = Symbol('notify: text as written');

/** The text of an AS_WRITTEN message in each language it was written in. */
export type WrittenTexts = Partial<Record<Locale, { title: string; text: string }>>;

/**
 * Title and text of the message in `locale` ({{field}} placeholders filled), with the spans of
 * the quoted fields so each reader's hidden fields can be masked (redaction/text-spans).
 */
function render(
  input: ActionInput,
  locale: Locale,
  ctx: ActionContext,
): { title: string; text: string; spans: TextSpans } {
  const c = input.config;
  const written = (c as { [AS_WRITTEN]?: true | WrittenTexts })[AS_WRITTEN];
  if (written) {
    const inLocale = written === true ? undefined : written[locale];
    return {
      title: inLocale?.title ?? String(c.subject ?? ''),
      text: inLocale?.text ?? String(c.message ?? ''),
      spans: { title: [], body: [] },
    };
  }
  const entity = entityOf(ctx, input);
  const record = input.subject.record;
  const text = renderMessageSpans(c.message as string, record, locale, entity);
  const title = c.subject
    ? renderMessageSpans(c.subject as string, record, locale, entity)
    : { text: localize(input.automation.label as LocaleMap, locale), spans: [] };
  return { title: title.text, text: text.text, spans: { title: title.spans, body: text.spans } };
}

/**
 * notify {channel, to?, url?, format?, subject?, message}:
 * - inApp: one notification per recipient, in the recipient's language (notifications table);
 * - webhook: a WeCom / DingTalk robot or JSON body in the spec's default language, queued in
 *   webhook_deliveries (recipients' mobiles are @-mentioned);
 * - email: one email_outbox row per recipient with an address, sent with nodemailer when SMTP is set.
 * Nothing leaves the process inside the transaction: deliveries are queued and sent later, so a
 * crash can neither lose nor double the queued delivery.
 */
export const notify = defineAction({
  type: 'notify',
  configSchema: actionConfigSchemas.notify,
  check: (c, locale) => {
    if ((c.channel === 'inApp' || c.channel === 'email') && !c.to)
      return [
        configError(locale, '/to', 'notify.needsTo', 'notifyNeedsTo', { channel: c.channel }),
      ];
    return channelErrors(c, locale);
  },
  run: async (input, ctx) => {
    const c = input.config;
    const who = await resolveRecipients(
      (c.to as string[] | undefined) ?? [],
      input.subject.record,
      ctx.directory,
    );
    if (c.channel === 'webhook') return robot(input, ctx, who.users);
    if (who.users.length === 0)
      return fail(
        'notify.noRecipient',
        am(ctx.locale, 'noRecipient', {
          detail: who.unresolved.map((u) => `${u.recipient}: ${u.reason}`).join('; '),
        }),
      );
    const now = ctx.now();
    if (c.channel === 'email') {
      const addressed = who.users.filter((u) => u.email);
      if (addressed.length === 0)
        return fail('notify.noRecipient', am(ctx.locale, 'noRecipient', { detail: 'email' }));
      const ids: string[] = [];
      for (const u of addressed) {
        const { title, text } = render(input, u.locale, ctx);
        const id = ctx.nextId();
        await ctx.db.emails.enqueue({
          id,
          to: u.email as string,
          subject: title,
          body: text,
          createdAt: now,
        });
        ids.push(id);
      }
      return {
        ok: true,
        summary: addressed.map((u) => u.email).join(', '),
        data: { emailIds: ids, unresolved: who.unresolved },
      };
    }
    // Stored in the recipient's language and in every language, so whoever reads it later reads
    // their own (redaction/localized-texts).
    const texts = inEveryLocale((locale) => {
      const r = render(input, locale, ctx);
      return { props: { title: r.title, body: r.text }, spans: r.spans };
    });
    for (const u of who.users) {
      const { title, text, spans } = render(input, u.locale, ctx);
      await ctx.db.notifications.insert({
        id: ctx.nextId(),
        userId: u.userId,
        kind: 'automation',
        title,
        body: text,
        entity: input.subject.entity,
        recordId: input.subject.recordId,
        payload: {
          automation: input.automation.key,
          event: input.event.id,
          [TEXT_SPANS_KEY]: spans,
          [TEXTS_KEY]: texts,
        },
        createdAt: now,
      });
    }
    return {
      ok: true,
      summary: who.users.map((u) => u.login).join(', '),
      data: { userIds: who.users.map((u) => u.userId), unresolved: who.unresolved },
    };
  },
});

/** What the webhook channel of a notify or digest needs: a URL, and signing only for DingTalk. */
export function channelErrors(c: Record<string, unknown>, locale: Locale): AutomationError[] {
  if (c.channel === 'webhook' && !c.url)
    return [configError(locale, '/url', 'notify.needsUrl', 'notifyNeedsUrl')];
  // Signing is DingTalk's scheme (URL parameters); WeCom robots have none, JSON endpoints use callWebhook.
  if (c.secretRef !== undefined && (c.channel !== 'webhook' || c.format !== 'dingtalk'))
    return [
      configError(locale, '/secretRef', 'notify.secretNeedsDingtalk', 'notifySecretNeedsDingtalk'),
    ];
  return [];
}

async function robot(
  input: ActionInput,
  ctx: ActionContext,
  users: UserInfo[],
): Promise<ActionResult> {
  const c = input.config;
  const secretRef = typeof c.secretRef === 'string' ? c.secretRef : null;
  // Never queue a message that the robot would refuse unsigned: fail the action instead.
  if (secretRef !== null && ctx.secret(secretRef) === undefined)
    return fail('webhook.unknownSecret', am(ctx.locale, 'unknownSecret', { ref: secretRef }));
  const now = ctx.now();
  const { title, text } = render(input, ctx.spec.defaultLocale ?? ctx.locale, ctx);
  const mobiles = users
    .map((u) => u.phone)
    .filter((p): p is string => Boolean(p))
    .map((p) => p.replace(/^\+86/, ''));
  const format = (c.format as RobotFormat | undefined) ?? 'json';
  const body = robotPayload(format, {
    title,
    text,
    mobiles,
    extra: { entity: input.subject.entity, recordId: input.subject.recordId },
  });
  const id = ctx.nextId();
  await ctx.db.deliveries.enqueue({
    id,
    runKey: input.effectKey,
    url: c.url as string,
    payload: {
      method: 'POST',
      body,
      timeoutMs: 5000,
      maxAttempts: 4,
      ...(secretRef ? { secretRef, signing: 'dingtalk' } : {}),
    },
    headers: { 'content-type': 'application/json' },
    nextAttemptAt: now,
    createdAt: now,
  });
  return { ok: true, summary: `${format} → ${String(c.url)}`, data: { deliveryId: id, body } };
}
