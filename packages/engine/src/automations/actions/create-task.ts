import { actionConfigSchemas } from '@trellis/spec';
import { parseDuration } from '@trellis/logic';
import { resolveRecipients } from '../../notify/recipients';
import { configError } from '../config';
import { am } from '../messages';
import { renderMessageSpans } from '../template';
import { TEXT_SPANS_KEY } from '../../redaction/text-spans';
import { defineAction, entityOf, fail, fromWrite } from './define';

/**
 * createTask {title, assignee, dueIn, description?, tag?}: a task for a person, due `dueIn` after
 * the run; `tag` (kept in the task's source) lets completeTasks close it when the work is done,
 * and makes it one task per record: an open task with the tag is reassigned, not doubled
 * (engine-adapter.ts).
 */
export const createTask = defineAction({
  type: 'createTask',
  configSchema: actionConfigSchemas.createTask,
  check: (c, locale) =>
    parseDuration(c.dueIn as string) === null
      ? [configError(locale, '/dueIn', 'duration.invalid', 'invalidDuration', { value: c.dueIn })]
      : [],
  run: async (input, ctx) => {
    const c = input.config;
    const record = input.subject.record;
    const who = await resolveRecipients([c.assignee as string], record, ctx.directory);
    const assignee = who.users[0];
    if (!assignee)
      return fail('task.noAssignee', am(ctx.locale, 'noAssignee', { recipient: c.assignee }));
    const dueAt = ctx.now() + (parseDuration(c.dueIn as string) ?? 0);
    // The task is read by its assignee: write it in their language.
    const entity = entityOf(ctx, input);
    const rendered = renderMessageSpans(c.title as string, record, assignee.locale, entity);
    const title = rendered.text;
    const description = c.description
      ? renderMessageSpans(c.description as string, record, assignee.locale, entity)
      : null;
    const t = await ctx.records.createTask({
      entity: input.subject.entity,
      recordId: input.subject.recordId,
      title,
      description: description?.text || null,
      assigneeId: assignee.userId,
      dueAt,
      source: {
        kind: 'automation',
        automation: input.automation.key,
        event: input.event.id,
        effect: input.effectKey,
        ...(c.tag ? { tag: c.tag } : {}),
        // Which parts quote which fields, so each reader's hidden fields are masked.
        [TEXT_SPANS_KEY]: { title: rendered.spans, description: description?.spans ?? [] },
      },
    });
    if (!t.ok) return fromWrite(t, ctx.locale);
    const id = t.id;
    return {
      ok: true,
      summary: `${title} → ${assignee.login}`,
      data: { taskId: id, assigneeId: assignee.userId, dueAt, title },
    };
  },
});
