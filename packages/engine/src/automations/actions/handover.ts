import { actionConfigSchemas, localize } from '@trellis/spec';
import type { LocaleMap } from '@trellis/spec';
import { resolveRecipients } from '../../notify/recipients';
import { am } from '../messages';
import { defineAction, fail, needRecord } from './define';

/**
 * handover {to, reason?}: opens a handover (handovers row, status 'pending') from the current
 * owner to `to`, with a summary of where the record stands. Accepting it is a later issue.
 */
export const handover = defineAction({
  type: 'handover',
  configSchema: actionConfigSchemas.handover,
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const record = input.subject.record ?? {};
    const to = (await resolveRecipients([input.config.to as string], record, ctx.directory))
      .users[0];
    if (!to)
      return fail(
        'handover.noRecipient',
        am(ctx.locale, 'noAssignee', { recipient: input.config.to }),
      );
    const id = ctx.nextId();
    const reason = input.config.reason
      ? localize(input.config.reason as LocaleMap, ctx.locale)
      : null;
    const summary = {
      stage: record.stage ?? null,
      stageEnteredAt: record.stageEnteredAt ?? null,
      lastActivityAt: record.lastActivityAt ?? null,
      automation: input.automation.key,
    };
    await ctx.db.handovers.insert({
      id,
      entity: target.entity,
      recordId: target.id,
      fromUserId: (record.ownerId as string | null) ?? null,
      toUserId: to.userId,
      reason,
      summary,
      createdAt: ctx.now(),
    });
    return { ok: true, summary: `→ ${to.login}`, data: { handoverId: id, toUserId: to.userId } };
  },
});
