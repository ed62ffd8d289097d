import { actionConfigSchemas, SUPPORTED_LOCALES } from '@trellis/spec';
import type { Actor } from '../../ports';
import { resolveRecipients } from '../../notify/recipients';
import { digestMessage } from '../../reports/digest';
import type { WidgetReport } from '../../reports/types';
import { dayOf } from '../../reports/period';
import { DEFAULT_TIMEZONE } from '../triggers/schedule';
import { am } from '../messages';
import type { ActionResult } from '../types';
import { defineAction, fail } from './define';
import { AS_WRITTEN, channelErrors, notify, type WrittenTexts } from './notify';

const DAY = 86_400_000;

/** The days a digest covers: `period` ("7d", "2w", "1m") ending today in the time zone. */
function periodDays(period: string, now: number, timeZone: string): { from: string; to: string } {
  const m = /^(\d+)([dwm])$/.exec(period);
  const n = Number(m?.[1] ?? 7);
  const days = m?.[2] === 'w' ? 7 * n : m?.[2] === 'm' ? 30 * n : n;
  return { from: dayOf(now - (days - 1) * DAY, timeZone), to: dayOf(now, timeZone) };
}

/**
 * digest {dashboard, widgets?, period?, channel, to, url?, format?, secretRef?}: a dashboard's
 * summary as text, computed for each recipient as that recipient would see the dashboard (the
 * reports engine scopes it by their role, teams and records; a recipient who may not open the
 * dashboard gets nothing), then sent through notify's channel — a robot posts one message per
 * recipient, @-mentioning them.
 */
export const digest = defineAction({
  type: 'digest',
  configSchema: actionConfigSchemas.digest,
  check: (c, locale) => channelErrors(c, locale),
  run: async (input, ctx) => {
    const c = input.config;
    if (!ctx.reports) return fail('digest.noReports', am(ctx.locale, 'digestNoReports'));
    const who = await resolveRecipients(c.to as string[], input.subject.record, ctx.directory);
    if (who.users.length === 0)
      return fail(
        'notify.noRecipient',
        am(ctx.locale, 'noRecipient', {
          detail: who.unresolved.map((u) => `${u.recipient}: ${u.reason}`).join('; '),
        }),
      );
    // The schedule's time zone names "today" (Monday 9:00 in Shanghai is Sunday night in UTC).
    const timeZone = (input.automation.on as { timezone?: string }).timezone ?? DEFAULT_TIMEZONE;
    const days = periodDays((c.period as string | undefined) ?? '7d', ctx.now(), timeZone);
    const sent: string[] = [];
    const skipped: string[] = [];
    for (const u of who.users) {
      const actor: Actor = {
        kind: 'user',
        userId: u.userId,
        role: u.role,
        teams: await ctx.db.users.teamsOf(u.userId),
        locale: u.locale,
      };
      // A robot speaks the workspace's language; a person reads their own — in the inbox the
      // one they read in when they open it, so an in-app digest is written in every language.
      const locale = c.channel === 'webhook' ? (ctx.spec.defaultLocale ?? ctx.locale) : u.locale;
      const locales =
        c.channel === 'inApp'
          ? [locale, ...SUPPORTED_LOCALES.filter((l) => l !== locale)]
          : [locale];
      const written: WrittenTexts = {};
      let refused: string | null = null;
      for (const l of locales) {
        const r = await ctx.reports.dashboard(
          c.dashboard as string,
          { ...days, timeZone },
          { actor, locale: l },
        );
        if (!r.ok) {
          refused = r.error.message;
          break;
        }
        const wanted = c.widgets as string[] | undefined;
        const all = r.dashboard.widgets as WidgetReport[];
        const widgets = wanted ? wanted.flatMap((k) => all.filter((w) => w.key === k)) : all;
        written[l] = digestMessage(r.dashboard.label, widgets, days, l);
      }
      const own = written[locale];
      if (refused !== null || !own) {
        skipped.push(`${u.login}: ${refused ?? ''}`);
        continue;
      }
      const { title, text } = own;
      const res: ActionResult = await notify.run(
        {
          ...input,
          config: {
            channel: c.channel,
            to: [`user:${u.login}`],
            message: text,
            subject: title,
            [AS_WRITTEN]: written,
            ...(c.url !== undefined ? { url: c.url } : {}),
            ...(c.format !== undefined ? { format: c.format } : {}),
            ...(c.secretRef !== undefined ? { secretRef: c.secretRef } : {}),
          },
        },
        ctx,
      );
      if (!res.ok) return res;
      sent.push(u.login);
    }
    if (sent.length === 0)
      return fail(
        'digest.nothingSent',
        am(ctx.locale, 'digestNothingSent', { detail: skipped.join('; ') }),
      );
    return { ok: true, summary: sent.join(', '), data: { sent, skipped, ...days } };
  },
});
