import { actionConfigSchemas, localize } from '@trellis/spec';
import type { LocaleMap } from '@trellis/spec';
import { defineAction, fromWrite, needRecord } from './define';

/** releaseToPool {reason?}: removes the owner so the record goes to the public pool (公海). */
export const releaseToPool = defineAction({
  type: 'releaseToPool',
  configSchema: actionConfigSchemas.releaseToPool,
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const reason = input.config.reason
      ? localize(input.config.reason as LocaleMap, ctx.locale)
      : undefined;
    const before = input.subject.record?.ownerId ?? null;
    const r = await ctx.records.setOwner(target.entity, target.id, null, {
      teamId: null,
      kind: 'release',
      ...(reason ? { reason } : {}),
    });
    if (!r.ok) return fromWrite(r, ctx.locale);
    return { ok: true, summary: reason ?? 'released', data: { previousOwnerId: before } };
  },
});
