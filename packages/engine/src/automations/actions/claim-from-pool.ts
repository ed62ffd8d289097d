import { actionConfigSchemas } from '@trellis/spec';
import { am } from '../messages';
import { defineAction, fail, fromWrite, needRecord } from './define';

/** claimFromPool {user?}: gives a pool record (no owner) to `user`, or to the person whose action caused the event. */
export const claimFromPool = defineAction({
  type: 'claimFromPool',
  configSchema: actionConfigSchemas.claimFromPool,
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const record = await ctx.records.get(target.entity, target.id);
    if (!record) return fail('action.recordGone', am(ctx.locale, 'recordGone', { id: target.id }));
    if (record.ownerId) return fail('pool.notInPool', am(ctx.locale, 'notInPool'));
    const ref = (input.config.user as string | undefined) ?? input.event.actorId ?? '';
    const user = ref ? await ctx.directory.user(ref) : null;
    if (!user || user.status === 'disabled')
      return fail('task.noAssignee', am(ctx.locale, 'noAssignee', { recipient: ref || '-' }));
    const r = await ctx.records.setOwner(target.entity, target.id, user.userId, {
      reason: 'claimFromPool',
      kind: 'claim',
    });
    if (!r.ok) return fromWrite(r, ctx.locale);
    return { ok: true, summary: user.login, data: { ownerId: user.userId } };
  },
});
