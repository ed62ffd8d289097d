import { actionConfigSchemas, localize } from '@trellis/spec';
import type { LocaleMap } from '@trellis/spec';
import { resolveRecipients } from '../../notify/recipients';
import { am } from '../messages';
import { defineAction, fail, fromWrite, needRecord } from './define';

/**
 * handover {to, reason?}: hands the record over through engine.ownership, under the entity's
 * handover rules (ledger, contact task, the previous owner's open tasks moved). An automation
 * writes no note: where the entity asks for the protocol note or an acknowledgment the handover
 * waits for the new owner to accept; otherwise the record moves at once.
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
    const reason = input.config.reason
      ? localize(input.config.reason as LocaleMap, ctx.locale)
      : null;
    const r = await ctx.records.handover(target.entity, target.id, {
      to: to.userId,
      reason,
      automation: input.automation.key,
    });
    if (!r.ok) return fromWrite(r, ctx.locale);
    return {
      ok: true,
      summary: `→ ${to.login} (${r.status})`,
      data: { handoverId: r.handoverId, toUserId: to.userId, status: r.status },
    };
  },
});
