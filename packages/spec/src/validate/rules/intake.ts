import { parseDuration } from '@trellis/logic';
import type { Ctx } from '../context';
import { ptr, requireEntity, requireField } from '../context';
import { checkValue } from '../values';

/** Quick replies and inbound webhook sources. */
export function checkIntake(ctx: Ctx): void {
  (ctx.spec.quickReplies ?? []).forEach((q, i) => {
    if (q.activityType !== undefined && !ctx.activityTypes.has(q.activityType)) {
      ctx.report(ptr('/quickReplies', i, 'activityType'), 'ref.unknownActivityType', {
        key: q.activityType,
      });
    }
  });
  (ctx.spec.webhookSources ?? []).forEach((source, i) => {
    const base = ptr('/webhookSources', i);
    if (source.alertAfter !== undefined && parseDuration(source.alertAfter) === null)
      ctx.report(ptr(base, 'alertAfter'), 'duration.invalid', { value: source.alertAfter });
    if (!requireEntity(ctx, source.entity, ptr(base, 'entity'))) return;
    for (const key of Object.keys(source.mapping)) {
      const field = requireField(ctx, source.entity, key, ptr(base, 'mapping', key));
      if (field?.type === 'formula')
        ctx.report(ptr(base, 'mapping', key), 'field.notWritable', { key });
    }
    for (const [key, value] of Object.entries(source.defaults ?? {})) {
      checkValue(
        ctx,
        source.entity,
        key,
        value,
        ptr(base, 'defaults', key),
        ptr(base, 'defaults', key),
      );
    }
  });
}
