import { Cron } from 'croner';
import type { TriggerSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr, requireEntity, requireField, requireStage } from '../context';
import { checkLogic } from '../logic';

/** The entity whose record an automation acts on, or null when the trigger provides no record. */
export function triggerEntity(ctx: Ctx, on: TriggerSpec): string | null {
  switch (on.type) {
    case 'form.submitted':
      return ctx.forms.get(on.form) ?? null;
    case 'webhook.received':
      return ctx.webhookSources.get(on.source) ?? null;
    case 'schedule':
      return on.entity ?? null;
    default:
      return on.entity;
  }
}

/** Whether the trigger's condition may compare with the previous record version. */
export function triggerHasPrevious(on: TriggerSpec): boolean {
  return ['record.updated', 'field.changed', 'stage.entered', 'stage.exited'].includes(on.type);
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Checks the references and settings of one trigger (`path` points at the `on` object). */
export function checkTrigger(ctx: Ctx, on: TriggerSpec, path: string): void {
  switch (on.type) {
    case 'form.submitted':
      if (!ctx.forms.has(on.form))
        ctx.report(ptr(path, 'form'), 'ref.unknownForm', { key: on.form });
      return;
    case 'webhook.received':
      if (!ctx.webhookSources.has(on.source))
        ctx.report(ptr(path, 'source'), 'ref.unknownWebhookSource', { key: on.source });
      return;
    case 'schedule':
      checkSchedule(ctx, on, path);
      return;
    default:
      break;
  }
  if (on.type === 'manual')
    (on.roles ?? []).forEach((role, k) => {
      if (!ctx.roles.has(role)) ctx.report(ptr(path, 'roles', k), 'ref.unknownRole', { key: role });
    });
  if (!requireEntity(ctx, on.entity, ptr(path, 'entity'))) return;
  if (on.type === 'record.updated')
    (on.fields ?? []).forEach((f, i) =>
      requireField(ctx, on.entity, f, ptr(path, 'fields', i), true),
    );
  if (on.type === 'field.changed') requireField(ctx, on.entity, on.field, ptr(path, 'field'), true);
  if (
    (on.type === 'stage.entered' || on.type === 'stage.exited' || on.type === 'sla.breached') &&
    on.stage !== undefined
  ) {
    requireStage(ctx, on.entity, on.stage, ptr(path, 'stage'));
  }
  if (
    on.type === 'activity.logged' &&
    on.activityType !== undefined &&
    !ctx.activityTypes.has(on.activityType)
  ) {
    ctx.report(ptr(path, 'activityType'), 'ref.unknownActivityType', { key: on.activityType });
  }
}

function checkSchedule(
  ctx: Ctx,
  on: Extract<TriggerSpec, { type: 'schedule' }>,
  path: string,
): void {
  try {
    new Cron(on.cron, { paused: true });
  } catch (e) {
    ctx.report(ptr(path, 'cron'), 'cron.invalid', {
      value: on.cron,
      reason: e instanceof Error ? e.message : String(e),
    });
  }
  if (on.timezone !== undefined && !validTimezone(on.timezone))
    ctx.report(ptr(path, 'timezone'), 'timezone.invalid', { value: on.timezone });
  if (on.entity === undefined) {
    if (on.query !== undefined) ctx.report(ptr(path, 'query'), 'schedule.queryNeedsEntity');
    return;
  }
  if (requireEntity(ctx, on.entity, ptr(path, 'entity')))
    checkLogic(ctx, on.query, ptr(path, 'query'), on.entity, { sql: true });
}
