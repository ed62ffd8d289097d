import { parseDuration } from '@trellis/logic';
import type { PipelineSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { checkRecipient, ptr, requireEntity, requireField } from '../context';
import { checkLogic } from '../logic';

/** Pipelines: one per entity, stage references, gates, evidence, SLAs and loss reasons. */
export function checkPipelines(ctx: Ctx): void {
  const byEntity = new Map<string, string>();
  (ctx.spec.pipelines ?? []).forEach((pipeline, i) => {
    const base = ptr('/pipelines', i);
    const other = byEntity.get(pipeline.entity);
    if (other !== undefined)
      ctx.report(ptr(base, 'entity'), 'pipeline.duplicateEntity', {
        entity: pipeline.entity,
        other,
      });
    else byEntity.set(pipeline.entity, pipeline.key);
    const known = requireEntity(ctx, pipeline.entity, ptr(base, 'entity'));
    if (pipeline.stages[0] && pipeline.stages[0].category !== 'open')
      ctx.report(ptr(base, 'stages', 0, 'category'), 'pipeline.firstNotOpen');
    if (known && pipeline.lossReasonField !== undefined) {
      const field = requireField(
        ctx,
        pipeline.entity,
        pipeline.lossReasonField,
        ptr(base, 'lossReasonField'),
      );
      if (field && field.type !== 'select')
        ctx.report(ptr(base, 'lossReasonField'), 'lossReason.badType', { key: field.key });
    }
    checkStages(ctx, pipeline, base, known);
  });
}

function checkStages(ctx: Ctx, pipeline: PipelineSpec, base: string, known: boolean): void {
  const stageKeys = new Set(pipeline.stages.map((s) => s.key));
  pipeline.stages.forEach((stage, j) => {
    const path = ptr(base, 'stages', j);
    if (known) {
      (stage.requires ?? []).forEach((key, k) =>
        requireField(ctx, pipeline.entity, key, ptr(path, 'requires', k)),
      );
      checkLogic(ctx, stage.enterIf, ptr(path, 'enterIf'), pipeline.entity);
    }
    (stage.transitions ?? []).forEach((to, k) => {
      if (to === stage.key) ctx.report(ptr(path, 'transitions', k), 'stage.selfTransition');
      else if (!stageKeys.has(to))
        ctx.report(ptr(path, 'transitions', k), 'ref.unknownStage', {
          entity: pipeline.entity,
          key: to,
        });
    });
    (stage.evidence ?? []).forEach((ev, k) => {
      if (!ctx.activityTypes.has(ev.activityType))
        ctx.report(ptr(path, 'evidence', k, 'activityType'), 'ref.unknownActivityType', {
          key: ev.activityType,
        });
    });
    const sla = stage.sla;
    if (!sla) return;
    if (sla.noActivityFor === undefined && sla.maxDwell === undefined)
      ctx.report(ptr(path, 'sla'), 'sla.empty');
    for (const prop of ['noActivityFor', 'maxDwell'] as const) {
      const value = sla[prop];
      if (value !== undefined && parseDuration(value) === null)
        ctx.report(ptr(path, 'sla', prop), 'duration.invalid', { value });
    }
    sla.notify.forEach((r, k) =>
      checkRecipient(ctx, r, ptr(path, 'sla', 'notify', k), pipeline.entity),
    );
  });
}
