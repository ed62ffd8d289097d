import { parseDuration } from '@trellis/logic';
import type { EntitySpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr, requireField } from '../context';

/** An entity's pool and handover rules: a pool to apply them to, known roles and fields, durations. */
export function checkOwnershipPolicies(ctx: Ctx): void {
  ctx.spec.entities.forEach((entity, i) => {
    if (ctx.entities.get(entity.key) !== entity) return;
    const base = ptr('/entities', i);
    checkPool(ctx, entity, ptr(base, 'poolPolicy'));
    const h = entity.handover;
    if (!h) return;
    if (entity.owned === false) ctx.report(ptr(base, 'handover'), 'handover.needsOwned');
    for (const key of ['cooldown', 'contactWithin', 'consentValid'] as const)
      duration(ctx, h[key], ptr(base, 'handover', key));
  });
}

function checkPool(ctx: Ctx, entity: EntitySpec, path: string): void {
  const p = entity.poolPolicy;
  if (!p) return;
  if (entity.pool !== true) ctx.report(path, 'poolPolicy.needsPool', { entity: entity.key });
  (p.roles ?? []).forEach((role, j) => {
    if (!ctx.roles.has(role)) ctx.report(ptr(path, 'roles', j), 'ref.unknownRole', { key: role });
  });
  (p.fields ?? []).forEach((key, j) => requireField(ctx, entity.key, key, ptr(path, 'fields', j)));
  const after = duration(ctx, p.reclaimAfter, ptr(path, 'reclaimAfter'));
  const warn = duration(ctx, p.warnBefore, ptr(path, 'warnBefore'));
  if (after !== null && after <= 0)
    ctx.report(ptr(path, 'reclaimAfter'), 'duration.invalid', { value: p.reclaimAfter });
  if (after !== null && warn !== null && warn >= after)
    ctx.report(ptr(path, 'warnBefore'), 'poolPolicy.warnTooLate', {
      warn: p.warnBefore,
      after: p.reclaimAfter,
    });
}

function duration(ctx: Ctx, value: string | undefined, path: string): number | null {
  if (value === undefined) return null;
  const ms = parseDuration(value);
  if (ms === null || ms < 0) ctx.report(path, 'duration.invalid', { value });
  return ms;
}
