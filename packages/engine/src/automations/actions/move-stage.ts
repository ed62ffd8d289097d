import { actionConfigSchemas } from '@trellis/spec';
import { defineAction, fromWrite, needRecord } from './define';

/** moveStage {stage}: moves the record through the write path's stage gate (requires, enterIf, evidence). */
export const moveStage = defineAction({
  type: 'moveStage',
  configSchema: actionConfigSchemas.moveStage,
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const stage = input.config.stage as string;
    const r = await ctx.records.changeStage(target.entity, target.id, stage);
    if (!r.ok) return fromWrite(r, ctx.locale);
    return { ok: true, summary: stage, data: { stage } };
  },
});
