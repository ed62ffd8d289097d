import { actionConfigSchemas } from '@trellis/spec';
import { defineAction, evaluateValues, fromWrite, needRecord } from './define';

/** setFields {values}: sets fields through the write path; each value is a literal or JSONLogic over the record. */
export const setFields = defineAction({
  type: 'setFields',
  configSchema: actionConfigSchemas.setFields,
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const v = evaluateValues(input.config.values as Record<string, unknown>, input, ctx);
    if (!v.ok) return v.result;
    const r = await ctx.records.update(target.entity, target.id, v.values);
    if (!r.ok) return fromWrite(r, ctx.locale);
    return {
      ok: true,
      summary: Object.keys(v.values).join(', '),
      data: { values: v.values, version: r.record.version },
    };
  },
});
