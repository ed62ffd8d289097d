import { SYSTEM_FIELDS } from '../helpers';
import type { AppSpec, EntitySpec, FieldSpec, Locale, PipelineSpec } from '../schema/index';
import { specMessage } from './messages';
import { NO_OUTBOUND_ALLOW, type OutboundAllow } from '../outbound';

/** One problem of a spec: where (JSON pointer), what (stable code) and a localized sentence. */
export type SpecError = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};

/** Shared state of one semantic validation: indexes of the spec and the error sink. */
export type Ctx = {
  spec: AppSpec;
  locale: Locale;
  errors: SpecError[];
  report(path: string, code: string, params?: Record<string, unknown>): void;
  entities: Map<string, EntitySpec>;
  fields: Map<string, Map<string, FieldSpec>>;
  pipelines: Map<string, PipelineSpec>;
  teams: Set<string>;
  roles: Set<string>;
  forms: Map<string, string>;
  views: Set<string>;
  dashboards: Set<string>;
  activityTypes: Set<string>;
  webhookSources: Map<string, string>;
  /** Internal targets the operator allows automations to send to (TRELLIS_OUTBOUND_ALLOW). */
  outboundAllow: OutboundAllow;
};

export { ptr } from '../pointer';

const keys = <T extends { key: string }>(items: T[] | undefined) =>
  new Set((items ?? []).map((i) => i.key));

/** Builds the indexes once; when keys repeat, the first item wins (duplicates are reported separately). */
export function createCtx(
  spec: AppSpec,
  locale: Locale,
  outboundAllow: OutboundAllow = NO_OUTBOUND_ALLOW,
): Ctx {
  const errors: SpecError[] = [];
  const entities = new Map<string, EntitySpec>();
  const fields = new Map<string, Map<string, FieldSpec>>();
  for (const e of spec.entities) {
    if (entities.has(e.key)) continue;
    entities.set(e.key, e);
    const byKey = new Map<string, FieldSpec>();
    for (const f of e.fields) if (!byKey.has(f.key)) byKey.set(f.key, f);
    fields.set(e.key, byKey);
  }
  const pipelines = new Map<string, PipelineSpec>();
  for (const p of spec.pipelines ?? []) if (!pipelines.has(p.entity)) pipelines.set(p.entity, p);
  return {
    spec,
    locale,
    errors,
    report(path, code, params = {}) {
      errors.push({ path, code, message: specMessage(code, params, locale), params });
    },
    entities,
    fields,
    pipelines,
    teams: keys(spec.teams),
    roles: keys(spec.roles),
    forms: new Map((spec.forms ?? []).map((f) => [f.key, f.entity])),
    views: keys(spec.views),
    dashboards: keys(spec.dashboards),
    activityTypes: keys(spec.activityTypes),
    webhookSources: new Map((spec.webhookSources ?? []).map((w) => [w.key, w.entity])),
    outboundAllow,
  };
}

/** Field keys readable on records of an entity: its own fields plus the system fields. */
export function readableFields(ctx: Ctx, entity: string): string[] {
  return [...(ctx.fields.get(entity)?.keys() ?? []), ...SYSTEM_FIELDS];
}

/** Reports an unknown field of an entity; returns the field when it exists. */
export function requireField(
  ctx: Ctx,
  entity: string,
  key: string,
  path: string,
  allowSystem = false,
): FieldSpec | undefined {
  const field = ctx.fields.get(entity)?.get(key);
  if (field) return field;
  if (allowSystem && (SYSTEM_FIELDS as readonly string[]).includes(key)) return undefined;
  if (ctx.entities.has(entity)) ctx.report(path, 'ref.unknownField', { entity, key });
  return undefined;
}

/** Reports an unknown entity; returns whether it exists. */
export function requireEntity(ctx: Ctx, key: string, path: string): boolean {
  if (ctx.entities.has(key)) return true;
  ctx.report(path, 'ref.unknownEntity', { key });
  return false;
}

/** Reports a stage key unknown to the entity's pipeline (or a missing pipeline). */
export function requireStage(ctx: Ctx, entity: string, key: string, path: string): void {
  if (!ctx.entities.has(entity)) return;
  const pipeline = ctx.pipelines.get(entity);
  if (!pipeline) ctx.report(path, 'pipeline.missing', { entity });
  else if (!pipeline.stages.some((s) => s.key === key))
    ctx.report(path, 'ref.unknownStage', { entity, key });
}

/**
 * Checks that a recipient's role or team exists ("role:x", "team:x") and that "field:x" names a
 * `user` field of `entity`, the entity of the record the recipient is resolved against (null:
 * there is no record, so a field recipient cannot name anyone).
 */
export function checkRecipient(
  ctx: Ctx,
  recipient: string,
  path: string,
  entity: string | null,
): void {
  const [kind, key] = recipient.split(':');
  if (kind === 'role' && key !== undefined && !ctx.roles.has(key))
    ctx.report(path, 'ref.unknownRole', { key });
  if (kind === 'team' && key !== undefined && !ctx.teams.has(key))
    ctx.report(path, 'ref.unknownTeam', { key });
  if (kind === 'field' && key !== undefined) {
    if (entity === null) {
      ctx.report(path, 'recipient.fieldNeedsRecord', { key });
      return;
    }
    const field = requireField(ctx, entity, key, path);
    if (field && field.type !== 'user')
      ctx.report(path, 'recipient.notUserField', { key, type: field.type });
  }
}
