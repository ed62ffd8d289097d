import { actionConfigSchemas } from '@trellis/spec';
import { defineAction, fromWrite, needRecord } from './define';

/**
 * completeTasks {tag}: marks done the open tasks about the record that a createTask action
 * tagged `tag` — the "first contact" task closes itself when the call is logged, instead of
 * staying open for the rep to tick off by hand. No matching task is a success that did nothing.
 */
export const completeTasks = defineAction({
  type: 'completeTasks',
  configSchema: actionConfigSchemas.completeTasks,
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const tag = input.config.tag as string;
    const r = await ctx.records.completeTasks(target.entity, target.id, tag);
    if (!r.ok) return fromWrite(r, ctx.locale);
    return { ok: true, summary: `${tag} × ${r.ids.length}`, data: { taskIds: r.ids } };
  },
});
