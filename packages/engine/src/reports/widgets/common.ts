import { getEntity, getField, getPipeline, type StageSpec } from '@trellis/spec';
import { localized } from '@trellis/rules';
import type { AggregateQuery, AggregateRow, StoreResult } from '@trellis/store';
import { and, within } from '../logic';
import type { Range, WidgetCtx } from '../types';

const SYSTEM_TIMES = ['createdAt', 'updatedAt', 'stageEnteredAt', 'lastActivityAt', 'slaDueAt'];

/** A store answer or an error naming what failed (a widget's spec-validated query should not). */
export function must<T>(r: StoreResult<T>): T {
  if (!r.ok) throw new Error(`report query failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/**
 * The heading of a column that counts the widget entity's records, in the reader's language:
 * a B2B deal board's leaderboard counts 商机 / Deals, not the lead-only 线索.
 */
export function recordsLabel(c: WidgetCtx): string {
  const entity = getEntity(c.spec, c.entity);
  return entity
    ? localized(entity.pluralLabel ?? entity.label, c.locale, entity.key)
    : c.text('records');
}

/** The time field a widget's period applies to: its `field` when that is a time, else createdAt. */
export function timeField(c: WidgetCtx): { field: string; dateField: boolean } {
  // A field `via` a relation is the related record's: the period stays on the record's creation.
  const f = c.widget.via ? undefined : c.widget.field;
  if (f && SYSTEM_TIMES.includes(f)) return { field: f, dateField: false };
  const entity = getEntity(c.spec, c.entity);
  const def = f && entity ? getField(entity, f) : undefined;
  if (def?.type === 'date') return { field: def.key, dateField: true };
  if (def?.type === 'datetime') return { field: def.key, dateField: false };
  return { field: 'createdAt', dateField: false };
}

/** The widget's base filter plus "created (or dated) within the range". */
export function inPeriod(c: WidgetCtx, r: Range | null): unknown {
  if (!r) return c.base;
  const t = timeField(c);
  return and(c.base, within(t.field, r, t.dateField));
}

/** Aggregates over `entity` under the reader's scope; [] when the reader may see nothing. */
export async function aggregate(
  c: WidgetCtx,
  filter: unknown,
  q: Omit<AggregateQuery, 'filter' | 'scope' | 'context'>,
  entity = c.entity,
): Promise<AggregateRow[]> {
  const s = await c.scopeOf(entity);
  if (s === 'none') return [];
  const repo = entity === c.entity ? c.repo : c.store.reports(c.spec);
  return must(
    await repo.aggregate(entity, {
      ...q,
      ...(filter !== null && filter !== undefined ? { filter } : {}),
      ...(s.scope !== undefined ? { scope: s.scope } : {}),
      context: s.context,
    }),
  );
}

/** The pipeline's stages split by category, in pipeline order. */
export function stagesOf(c: WidgetCtx): {
  forward: StageSpec[];
  won: string[];
  lost: string[];
  open: string[];
} {
  const stages = getPipeline(c.spec, c.entity)?.stages ?? [];
  const cat = (s: StageSpec) => s.category;
  return {
    forward: stages.filter((s) => cat(s) !== 'lost'),
    won: stages.filter((s) => cat(s) === 'won').map((s) => s.key),
    lost: stages.filter((s) => cat(s) === 'lost').map((s) => s.key),
    open: stages.filter((s) => cat(s) === 'open').map((s) => s.key),
  };
}

export const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

export const DAY_MS = 86_400_000;
