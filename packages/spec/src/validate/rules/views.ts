import type { Ctx } from '../context';
import { ptr, requireEntity, requireField } from '../context';
import { checkLogic } from '../logic';
import { checkGroupable, checkWidgetOptions, fieldEntity, isTouchField } from './widgets';

const PIPELINE_WIDGETS = ['funnel', 'stageConversion', 'dwellTime', 'beforeAfter'];
const FIELD_WIDGETS = ['breakdown', 'attribution'];
const NUMERIC = ['number', 'money', 'percent'];
const TIME_FIELDS = ['createdAt', 'updatedAt', 'stageEnteredAt', 'lastActivityAt', 'slaDueAt'];

/** Views (columns, sort, grouping, SQL-compilable filter) and dashboard widgets. */
export function checkViews(ctx: Ctx): void {
  (ctx.spec.views ?? []).forEach((view, i) => {
    const base = ptr('/views', i);
    if (!requireEntity(ctx, view.entity, ptr(base, 'entity'))) return;
    (view.columns ?? []).forEach((c, k) =>
      requireField(ctx, view.entity, c, ptr(base, 'columns', k), true),
    );
    (view.sort ?? []).forEach((s, k) =>
      requireField(ctx, view.entity, s.field, ptr(base, 'sort', k, 'field'), true),
    );
    checkLogic(ctx, view.filter, ptr(base, 'filter'), view.entity, { sql: true });
    if (view.groupBy !== undefined && view.groupBy !== 'stage') {
      const field = requireField(ctx, view.entity, view.groupBy, ptr(base, 'groupBy'), true);
      if (field && view.type === 'board' && !['select', 'user'].includes(field.type)) {
        ctx.report(ptr(base, 'groupBy'), 'view.badGroupBy', { key: field.key, type: field.type });
      }
    } else if (view.type === 'board' && !ctx.pipelines.has(view.entity)) {
      ctx.report(
        view.groupBy === 'stage' ? ptr(base, 'groupBy') : base,
        view.groupBy === 'stage' ? 'pipeline.missing' : 'view.boardNeedsGroup',
        { entity: view.entity },
      );
    }
  });
  (ctx.spec.dashboards ?? []).forEach((dashboard, i) => {
    (dashboard.roles ?? []).forEach((role, k) => {
      if (!ctx.roles.has(role))
        ctx.report(ptr('/dashboards', i, 'roles', k), 'ref.unknownRole', { key: role });
    });
    dashboard.widgets.forEach((w, j) => {
      const base = ptr('/dashboards', i, 'widgets', j);
      if (w.entity === undefined) {
        if (w.type !== 'dataHealth' && w.type !== 'sourceHealth')
          ctx.report(base, 'widget.needsEntity', { type: w.type });
        return;
      }
      if (!requireEntity(ctx, w.entity, ptr(base, 'entity'))) return;
      if (PIPELINE_WIDGETS.includes(w.type) && !ctx.pipelines.has(w.entity))
        ctx.report(ptr(base, 'entity'), 'widget.needsPipeline', { type: w.type, entity: w.entity });
      checkWidgetOptions(ctx, w, w.entity, base);
      if (FIELD_WIDGETS.includes(w.type) && w.field === undefined)
        ctx.report(base, 'widget.needsField', { type: w.type });
      const owner = fieldEntity(ctx, w, w.entity, base);
      const touch = w.field !== undefined && isTouchField(w.field) && w.via === undefined;
      if (touch && !FIELD_WIDGETS.includes(w.type))
        ctx.report(ptr(base, 'field'), 'ref.unknownField', { entity: w.entity, key: w.field });
      if (w.field !== undefined && w.via !== undefined && owner !== null) {
        requireField(ctx, owner, w.field, ptr(base, 'field'), true);
        checkGroupable(ctx, owner, w.field, ptr(base, 'field'));
      }
      if (w.field !== undefined && !touch && w.via === undefined) {
        const field = requireField(ctx, w.entity, w.field, ptr(base, 'field'), true);
        const dated = field
          ? ['date', 'datetime'].includes(field.type)
          : TIME_FIELDS.includes(w.field);
        const known =
          field !== undefined ||
          TIME_FIELDS.includes(w.field) ||
          w.field === 'stage' ||
          w.field === 'ownerId' ||
          w.field === 'teamId';
        if (w.type === 'timeSeries' && known && !dated)
          ctx.report(ptr(base, 'field'), 'widget.badTimeField', {
            key: w.field,
            type: field?.type ?? 'system',
          });
      }
      checkLogic(ctx, w.filter, ptr(base, 'filter'), w.entity, { sql: true });
      for (const side of ['numerator', 'denominator'] as const)
        checkLogic(ctx, w[side], ptr(base, side), w.entity, { sql: true });
      if (w.type === 'ratio' && w.numerator === undefined)
        ctx.report(base, 'widget.needsNumerator', {});
      const m = w.measure;
      if (m && m.op !== 'count') {
        if (m.field === undefined)
          ctx.report(ptr(base, 'measure'), 'measure.needsField', { op: m.op });
        else {
          const field = requireField(ctx, w.entity, m.field, ptr(base, 'measure', 'field'));
          const numeric =
            field &&
            (NUMERIC.includes(field.type) ||
              (field.type === 'formula' && ['number', 'money'].includes(field.resultType)));
          if (field && !numeric)
            ctx.report(ptr(base, 'measure', 'field'), 'measure.badField', {
              key: field.key,
              type: field.type,
            });
        }
      }
    });
  });
}
