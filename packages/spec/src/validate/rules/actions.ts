import { parseDuration } from '@trellis/logic';
import type { ActionSpec, TriggerSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { checkRecipient, ptr, requireEntity, requireField, requireStage } from '../context';
import { checkLogic, isExpression } from '../logic';
import { checkValue } from '../values';
import { internalUrlTarget } from '../../outbound';

/** Checks one action of an automation whose record belongs to `entity` (null: no record). */
export function checkAction(
  ctx: Ctx,
  action: ActionSpec,
  path: string,
  entity: string | null,
  on: TriggerSpec,
  changes: boolean,
): void {
  const needsRecord = !['notify', 'digest', 'callWebhook', 'createRecord'].includes(action.type);
  if (entity === null) {
    // Other triggers lose their entity only through a bad reference, which is reported already.
    if (needsRecord && on.type === 'schedule')
      ctx.report(path, 'action.needsRecord', { trigger: on.type });
    if (needsRecord) return;
  }
  const logic = (expr: unknown, at: string) => checkLogic(ctx, expr, at, entity, { changes });
  switch (action.type) {
    case 'setFields':
      checkValues(ctx, action.values, ptr(path, 'values'), entity as string, logic);
      return;
    case 'assign':
      checkAssign(ctx, action, path, entity as string, logic);
      return;
    case 'createTask':
      checkRecipient(ctx, action.assignee, ptr(path, 'assignee'), entity);
      if (parseDuration(action.dueIn) === null)
        ctx.report(ptr(path, 'dueIn'), 'duration.invalid', { value: action.dueIn });
      return;
    case 'notify':
      if (action.channel === 'webhook' && action.url === undefined)
        ctx.report(path, 'notify.needsUrl');
      if (action.channel === 'webhook' && action.url !== undefined)
        checkTarget(ctx, action.url, ptr(path, 'url'));
      if (
        action.secretRef !== undefined &&
        (action.channel !== 'webhook' || action.format !== 'dingtalk')
      )
        ctx.report(ptr(path, 'secretRef'), 'notify.secretNeedsDingtalk');
      if (action.channel !== 'webhook' && (action.to ?? []).length === 0)
        ctx.report(path, 'notify.needsRecipients', { channel: action.channel });
      (action.to ?? []).forEach((r, k) => checkRecipient(ctx, r, ptr(path, 'to', k), entity));
      return;
    case 'digest':
      checkDigest(ctx, action, path, entity);
      return;
    case 'completeTasks':
      if (!taskTags(ctx).has(action.tag))
        ctx.report(ptr(path, 'tag'), 'ref.unknownTaskTag', { key: action.tag });
      return;
    case 'moveStage':
      requireStage(ctx, entity as string, action.stage, ptr(path, 'stage'));
      return;
    case 'createRecord':
      checkCreateRecord(ctx, action, path, entity, logic);
      return;
    case 'callWebhook':
      checkTarget(ctx, action.url, ptr(path, 'url'));
      if (action.body !== undefined && isExpression(action.body))
        logic(action.body, ptr(path, 'body'));
      return;
    case 'releaseToPool':
    case 'claimFromPool':
      poolEntity(ctx, entity as string, action.type, path);
      return;
    case 'handover':
      ownedEntity(ctx, entity as string, action.type, path);
      checkRecipient(ctx, action.to, ptr(path, 'to'), entity);
      return;
  }
}

type LogicFn = (expr: unknown, at: string) => void;

/** Tags that some createTask action gives its tasks (a completeTasks tag must be one of them). */
function taskTags(ctx: Ctx): Set<string> {
  const tags = new Set<string>();
  for (const a of ctx.spec.automations ?? [])
    for (const step of a.do) if (step.type === 'createTask' && step.tag) tags.add(step.tag);
  return tags;
}

/** A URL that is internal whatever DNS says (loopback, private, link-local, ...) is refused here already. */
function checkTarget(ctx: Ctx, url: string, path: string): void {
  const internal = internalUrlTarget(url, ctx.outboundAllow);
  if (internal) ctx.report(path, 'outbound.internalTarget', internal);
}

function checkValues(
  ctx: Ctx,
  values: Record<string, unknown>,
  base: string,
  entity: string,
  logic: LogicFn,
): void {
  for (const [key, value] of Object.entries(values)) {
    if (isExpression(value)) {
      const field = requireField(ctx, entity, key, ptr(base, key));
      if (field?.type === 'formula') ctx.report(ptr(base, key), 'field.notWritable', { key });
      logic(value, ptr(base, key));
    } else checkValue(ctx, entity, key, value, ptr(base, key), ptr(base, key));
  }
}

function ownedEntity(ctx: Ctx, entity: string, action: string, path: string): boolean {
  const e = ctx.entities.get(entity);
  if (e && e.owned === false) {
    ctx.report(path, 'owner.notOwned', { entity, action });
    return false;
  }
  return e !== undefined;
}

function poolEntity(ctx: Ctx, entity: string, action: string, path: string): void {
  if (ownedEntity(ctx, entity, action, path) && ctx.entities.get(entity)?.pool !== true)
    ctx.report(path, 'pool.disabled', { entity, action });
}

function checkAssign(
  ctx: Ctx,
  a: Extract<ActionSpec, { type: 'assign' }>,
  path: string,
  entity: string,
  logic: LogicFn,
): void {
  ownedEntity(ctx, entity, 'assign', path);
  const team = (t: string | undefined, at: string) => {
    if (t !== undefined && !ctx.teams.has(t)) ctx.report(at, 'ref.unknownTeam', { key: t });
  };
  team(a.team, ptr(path, 'team'));
  if ((a.strategy === 'roundRobin' || a.strategy === 'leastLoaded') && a.team === undefined)
    ctx.report(path, 'assign.needsTeam', { strategy: a.strategy });
  if (a.strategy === 'user' && a.user === undefined) ctx.report(path, 'assign.needsUser');
  if (a.strategy === 'rules' && (a.rules ?? []).length === 0) ctx.report(path, 'assign.needsRules');
  (a.rules ?? []).forEach((rule, k) => {
    const at = ptr(path, 'rules', k);
    logic(rule.if, ptr(at, 'if'));
    team(rule.team, ptr(at, 'team'));
    if (rule.team === undefined && rule.user === undefined)
      ctx.report(at, 'assign.ruleNeedsTarget');
  });
  if (a.fallback) team(a.fallback.team, ptr(path, 'fallback', 'team'));
  (a.roles ?? []).forEach((role, k) => {
    if (!ctx.roles.has(role)) ctx.report(ptr(path, 'roles', k), 'ref.unknownRole', { key: role });
  });
}

function checkCreateRecord(
  ctx: Ctx,
  a: Extract<ActionSpec, { type: 'createRecord' }>,
  path: string,
  source: string | null,
  logic: LogicFn,
): void {
  if (!requireEntity(ctx, a.entity, ptr(path, 'entity'))) return;
  for (const [key, value] of Object.entries(a.values)) {
    const at = ptr(path, 'values', key);
    if (isExpression(value)) {
      const field = requireField(ctx, a.entity, key, at);
      if (field?.type === 'formula') ctx.report(at, 'field.notWritable', { key });
      logic(value, at);
    } else checkValue(ctx, a.entity, key, value, at, at);
  }
  if (a.linkField === undefined) return;
  const link = requireField(ctx, a.entity, a.linkField, ptr(path, 'linkField'));
  if (link && (link.type !== 'relation' || link.entity !== source)) {
    ctx.report(ptr(path, 'linkField'), 'createRecord.badLinkField', {
      key: a.linkField,
      entity: source ?? '?',
    });
  }
}

/** A digest names a dashboard of the spec and widgets of it; its channel has what it needs. */
function checkDigest(
  ctx: Ctx,
  action: Extract<ActionSpec, { type: 'digest' }>,
  path: string,
  entity: string | null,
): void {
  const d = ctx.spec.dashboards?.find((x) => x.key === action.dashboard);
  if (!d) ctx.report(ptr(path, 'dashboard'), 'ref.unknownDashboard', { key: action.dashboard });
  (action.widgets ?? []).forEach((w, k) => {
    if (d && !d.widgets.some((x) => x.key === w))
      ctx.report(ptr(path, 'widgets', k), 'ref.unknownWidget', { key: w, dashboard: d.key });
  });
  if (action.channel === 'webhook' && action.url === undefined) ctx.report(path, 'notify.needsUrl');
  if (action.channel === 'webhook' && action.url !== undefined)
    checkTarget(ctx, action.url, ptr(path, 'url'));
  if (
    action.secretRef !== undefined &&
    (action.channel !== 'webhook' || action.format !== 'dingtalk')
  )
    ctx.report(ptr(path, 'secretRef'), 'notify.secretNeedsDingtalk');
  action.to.forEach((r, k) => checkRecipient(ctx, r, ptr(path, 'to', k), entity));
}
