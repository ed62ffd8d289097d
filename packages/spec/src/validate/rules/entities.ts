import { isRegionCode } from '../../regions';
import { fieldTypeOf } from '../../schema/index';
import type { EntitySpec, FieldSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr, requireEntity, requireField } from '../context';
import { checkLogic } from '../logic';
import { checkFormulaCycles } from './formulas';

/** Entity-level checks: title, identity, pool, and every field's own settings. */
export function checkEntities(ctx: Ctx): void {
  ctx.spec.entities.forEach((entity, i) => {
    // A repeated entity key is reported once as a duplicate; its fields are not indexed, so skip it.
    if (ctx.entities.get(entity.key) !== entity) return;
    const base = ptr('/entities', i);
    const title = requireField(ctx, entity.key, entity.titleField, ptr(base, 'titleField'));
    if (title && !fieldTypeOf(title).title)
      ctx.report(ptr(base, 'titleField'), 'titleField.badType', {
        key: title.key,
        type: title.type,
      });
    checkIdentity(ctx, entity, base);
    if (entity.pool === true && entity.owned === false)
      ctx.report(ptr(base, 'pool'), 'pool.needsOwned');
    entity.fields.forEach((field, j) => checkField(ctx, entity, field, ptr(base, 'fields', j)));
    checkFormulaCycles(ctx, entity, base);
  });
}

function checkIdentity(ctx: Ctx, entity: EntitySpec, base: string): void {
  const seen = new Map<string, number>();
  (entity.identity ?? []).forEach((fields, k) => {
    const sig = [...fields].sort().join('+');
    const other = seen.get(sig);
    if (other !== undefined)
      ctx.report(ptr(base, 'identity', k), 'identity.duplicate', { other: other + 1 });
    else seen.set(sig, k);
    fields.forEach((key, m) => {
      const field = requireField(ctx, entity.key, key, ptr(base, 'identity', k, m));
      if (field && !fieldTypeOf(field).identity)
        ctx.report(ptr(base, 'identity', k, m), 'identity.badType', { key, type: field.type });
    });
  });
}

function range(ctx: Ctx, path: string, min: number | undefined, max: number | undefined): void {
  if (min !== undefined && max !== undefined && min > max)
    ctx.report(path, 'range.invalid', { min, max });
}

function checkField(ctx: Ctx, entity: EntitySpec, field: FieldSpec, path: string): void {
  checkLogic(ctx, field.requiredIf, ptr(path, 'requiredIf'), entity.key);
  switch (field.type) {
    case 'text':
    case 'longtext':
      range(ctx, ptr(path, 'maxLength'), field.minLength, field.maxLength);
      break;
    case 'number':
    case 'percent':
    case 'money':
      range(ctx, ptr(path, 'max'), field.min, field.max);
      break;
    case 'select':
      if (field.default !== undefined && !field.options.some((o) => o.value === field.default)) {
        ctx.report(ptr(path, 'default'), 'default.notOption', {
          value: field.default,
          options: field.options.map((o) => o.value).join(', '),
        });
      }
      break;
    case 'multiselect':
      range(ctx, ptr(path, 'maxItems'), field.minItems, field.maxItems);
      (field.default ?? []).forEach((v, k) => {
        if (!field.options.some((o) => o.value === v)) {
          ctx.report(ptr(path, 'default', k), 'default.notOption', {
            value: v,
            options: field.options.map((o) => o.value).join(', '),
          });
        }
      });
      break;
    case 'relation':
      requireEntity(ctx, field.entity, ptr(path, 'entity'));
      break;
    case 'region':
      if (field.default !== undefined && !isRegionCode(field.default, field.level ?? 'district')) {
        ctx.report(ptr(path, 'default'), 'region.unknownCode', {
          value: field.default,
          level: field.level ?? 'district',
        });
      }
      break;
    case 'formula':
      checkLogic(ctx, field.expression, ptr(path, 'expression'), entity.key);
      break;
    default:
      break;
  }
}
