import { actionConfigSchemas } from '@trellis/spec';
import type { Locale } from '../../ports';
import { parseDuration } from '@trellis/logic';
import { resolveRecipients } from '../../notify/recipients';
import { configError } from '../config';
import { am } from '../messages';
import { renderMessageSpans } from '../template';
import { inEveryLocale, TEXTS_KEY } from '../../redaction/localized-texts';
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
    // Stored in the assignee's language, and in every language for whoever reads it later
    // (the assignee after a language switch, a new assignee): redaction/localized-texts.
    const entity = entityOf(ctx, input);
    const render = (locale: Locale) => {
      const t = renderMessageSpans(c.title as string, record, locale, entity);
      const d = c.description
        ? renderMessageSpans(c.description as string, record, locale, entity)
        : null;
      return {
        props: { title: t.text, description: d?.text || null },
        spans: { title: t.spans, description: d?.spans ?? [] },
      };
    };
    const own = render(assignee.locale);
    const title = own.props.title;
    const t = await ctx.records.createTask({
      entity: input.subject.entity,
      recordId: input.subject.recordId,
      title,
      description: own.props.description,
      assigneeId: assignee.userId,
      dueAt,
      source: {
        kind: 'automation',
        automation: input.automation.key,
        event: input.event.id,
        effect: input.effectKey,
        ...(c.tag ? { tag: c.tag } : {}),
        // Which parts quote which fields, so each reader's hidden fields are masked.
        [TEXT_SPANS_KEY]: own.spans,
        [TEXTS_KEY]: inEveryLocale(render),
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
