import { actionConfigSchemas } from '@trellis/spec';
import { defineAction, evaluateValues, fromWrite } from './define';

/** createRecord {entity, values, linkField?}: creates a related record; `linkField` points back at the triggering record. */
export const createRecord = defineAction({
  type: 'createRecord',
  configSchema: actionConfigSchemas.createRecord,
  run: async (input, ctx) => {
    const c = input.config;
    const v = evaluateValues(c.values as Record<string, unknown>, input, ctx);
    if (!v.ok) return v.result;
    const values = { ...v.values };
    if (typeof c.linkField === 'string' && input.subject.recordId)
      values[c.linkField] = input.subject.recordId;
    const r = await ctx.records.create(c.entity as string, values);
    if (!r.ok) return fromWrite(r, ctx.locale);
    return {
      ok: true,
      summary: `${String(c.entity)} ${String(r.record.id)}`,
      data: { entity: c.entity, id: r.record.id },
    };
  },
});
