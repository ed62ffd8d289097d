import { getEntity, getPipeline, getStage, localize } from '@trellis/spec';
import type { Scope } from '../automations/runtime';
import type { RecordsPort } from '../automations/records-port';
import type { AutomationEvent } from '../automations/types';
import { resolveRecipients } from '../notify/recipients';
import { inEveryLocale, TEXTS_KEY } from '../redaction/localized-texts';
import { TEXT_SPANS_KEY, type TextSpan, type TextSpans } from '../redaction/text-spans';

/**
 * Built-in reaction to sla.breached: tells the stage's `sla.notify` recipients (e.g. the owner
 * and `owner.supervisor`) with an in-app notification. Idempotent per event like any action.
 * When an enabled automation handles sla.breached for this entity (and stage), it takes over —
 * otherwise people would get the same reminder twice.
 */
export async function notifySlaBreach(
  scope: Scope,
  event: AutomationEvent,
  records: RecordsPort,
): Promise<void> {
  const { rt, db, spec } = scope;
  const key = `${event.id}|$sla|notify`;
  if (!event.entity || !event.recordId || (await db.effects.get(key))) return;
  const stageKey = typeof event.payload.stage === 'string' ? event.payload.stage : null;
  const pipeline = getPipeline(spec, event.entity);
  const stage = pipeline && stageKey ? getStage(pipeline, stageKey) : undefined;
  const entity = getEntity(spec, event.entity);
  const record = await records.get(event.entity, event.recordId);
  if (!stage?.sla || !record || !entity) return;
  const handled = (spec.automations ?? []).some(
    (a) =>
      a.enabled !== false &&
      a.on.type === 'sla.breached' &&
      a.on.entity === event.entity &&
      (a.on.stage === undefined || a.on.stage === stageKey),
  );
  if (handled) return;
  const who = await resolveRecipients(stage.sla.notify, record, scope.directory);
  const titleField = entity.titleField ?? 'id';
  const title = String(record[titleField] ?? record.id);
  const limit = stage.sla.noActivityFor ?? stage.sla.maxDwell ?? '';
  // Each person reads the reminder in their own language; the span of the quoted title lets a
  // reader who may not see the title field get it masked (redaction/text-spans).
  const text = (locale: 'zh-CN' | 'en'): { text: string; spans: TextSpans } => {
    const [before, after] =
      locale === 'en'
        ? [
            `${localize(entity.label, 'en')} "`,
            `" broke the SLA of stage "${localize(stage.label, 'en')}" (${limit})`,
          ]
        : [
            `${localize(entity.label, 'zh-CN')}“`,
            `”在阶段“${localize(stage.label, 'zh-CN')}”超过时限（${limit}）`,
          ];
    const span: TextSpan = [before.length, before.length + title.length, titleField];
    return { text: before + title + after, spans: { title: [span] } };
  };
  // And in every language, for whoever reads it later (redaction/localized-texts).
  const texts = inEveryLocale((locale) => {
    const m = text(locale);
    return { props: { title: m.text, body: null }, spans: m.spans };
  });
  const write = async () => {
    for (const u of who.users) {
      const message = text(u.locale);
      await db.notifications.insert({
        id: rt.deps.ids.next(),
        userId: u.userId,
        kind: 'sla.breached',
        title: message.text,
        body: null,
        entity: event.entity,
        recordId: event.recordId,
        payload: {
          stage: stageKey,
          dueAt: event.payload.dueAt ?? null,
          event: event.id,
          [TEXT_SPANS_KEY]: message.spans,
          [TEXTS_KEY]: texts,
        },
        createdAt: rt.now(),
      });
    }
    await db.effects.put(
      key,
      null,
      'sla.notify',
      { ok: true, userIds: who.users.map((u) => u.userId), unresolved: who.unresolved },
      rt.now(),
    );
  };
  await (scope.tx ? scope.tx.transaction(write) : rt.store.transaction(write));
}
