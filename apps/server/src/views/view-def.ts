import type { AppSpec, ViewSpec } from '@trellis/spec';
import type { ServerContext } from '../context';
import type { Actor } from '../types';
import type { SavedView, SavedViewRepo } from '@trellis/store';

/** What a view shows, in the spec's view format (without key, entity and label). */
export type ViewBody = {
  type: 'list' | 'board';
  columns?: string[];
  filter?: unknown;
  sort?: { field: string; dir?: 'asc' | 'desc' }[];
  groupBy?: string;
  pageSize?: number;
};

/**
 * A view as the API serves it: one of the spec's (shared, `kind: "spec"`) or one the caller
 * saved (`kind: "saved"`, keyed by its id). Columns the caller cannot see are left out.
 */
export type ViewDef = ViewBody & {
  key: string;
  kind: 'spec' | 'saved';
  entity: string;
  label: ViewSpec['label'] | string;
  description?: ViewSpec['description'];
  createdAt?: number;
  updatedAt?: number;
};

/** The spec's views (over entities the actor may read) and the actor's own, in that order. */
export async function viewsFor(
  ctx: ServerContext,
  actor: Actor,
  saved: SavedViewRepo,
): Promise<ViewDef[]> {
  const spec = await ctx.spec();
  if (!spec) return [];
  const own = actor.userId ? await saved.list(actor.userId) : [];
  return [...(spec.views ?? []).map((v) => fromSpec(v)), ...own.map((row) => fromSaved(row))]
    .filter((v) => readable(ctx, actor, spec, v.entity))
    .map((v) => visibleOnly(ctx, actor, v));
}

/** One view by key (a spec view key or a saved view id of the actor), or null. */
export async function viewByKey(
  ctx: ServerContext,
  actor: Actor,
  saved: SavedViewRepo,
  key: string,
): Promise<ViewDef | null> {
  const spec = await ctx.spec();
  if (!spec) return null;
  const fromSpecView = (spec.views ?? []).find((v) => v.key === key);
  const row = fromSpecView ? null : actor.userId ? await saved.get(actor.userId, key) : null;
  const view = fromSpecView ? fromSpec(fromSpecView) : row ? fromSaved(row) : null;
  if (!view || !readable(ctx, actor, spec, view.entity)) return null;
  return visibleOnly(ctx, actor, view);
}

function fromSpec(v: ViewSpec): ViewDef {
  return {
    key: v.key,
    kind: 'spec',
    entity: v.entity,
    label: v.label,
    ...(v.description ? { description: v.description } : {}),
    type: v.type,
    ...(v.columns ? { columns: [...v.columns] } : {}),
    ...(v.filter !== undefined ? { filter: v.filter } : {}),
    ...(v.sort ? { sort: v.sort.map((s) => ({ ...s })) } : {}),
    ...(v.groupBy ? { groupBy: v.groupBy } : {}),
    ...(v.pageSize ? { pageSize: v.pageSize } : {}),
  };
}

export function fromSaved(row: SavedView): ViewDef {
  return {
    ...(row.definition as ViewBody),
    key: row.id,
    kind: 'saved',
    entity: row.entity,
    label: row.label,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function readable(ctx: ServerContext, actor: Actor, spec: AppSpec, entity: string): boolean {
  return (
    spec.entities.some((e) => e.key === entity) && ctx.engine.permissions.can(actor, 'read', entity)
  );
}

/** A spec view may name a column hidden from this role: it is left out, never leaked. */
function visibleOnly(ctx: ServerContext, actor: Actor, view: ViewDef): ViewDef {
  if (!view.columns) return view;
  const hidden = new Set(ctx.engine.permissions.hiddenFields(actor, view.entity));
  return { ...view, columns: view.columns.filter((c) => !hidden.has(c)) };
}
