import { jsonEqual } from '../diff/equal';

/** Which side a conflict keeps: the workspace's own value or the new template's. */
export type ConflictChoice = 'ours' | 'theirs';

/**
 * A place both the workspace and the new template version changed, differently. `path` names
 * items of keyed lists by their key (`/entities/lead/fields/budget/label`), so it stays the same
 * when items move; `base` is the old template version's value (undefined: absent).
 */
export type MergeConflict = {
  path: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
  /** What was kept: the choice given in `resolutions`, else the fallback (default `ours`). */
  chosen: ConflictChoice;
};

/** One thing the new template version brings into the workspace (a change the merge applied). */
export type TemplateChange = {
  path: string;
  op: 'added' | 'removed' | 'changed';
};

export type SpecMerge = {
  spec: Record<string, unknown>;
  conflicts: MergeConflict[];
  /** The template's changes that were taken (without conflicts resolved to `theirs`). */
  changes: TemplateChange[];
};

// Lists whose items are matched by one property rather than by position: entities, fields,
// stages, automations, roles, ... by `key`; select options by `value`. Other lists (a form's
// sections, an automation's actions, sort orders) are one value each: merging them item by item
// would mix two orders into one neither side wrote.
const ID_PROPS = ['key', 'value'] as const;

type Ctx = {
  conflicts: MergeConflict[];
  changes: TemplateChange[];
  resolutions: Readonly<Record<string, ConflictChoice>>;
  fallback: ConflictChoice;
};

/**
 * Three-way merge of an app spec: `base` is the template version the workspace installed,
 * `ours` the workspace's live spec (with its own customisations), `theirs` the new template
 * version. What only one side changed is taken from that side; what both changed alike is kept;
 * what both changed differently is a conflict, resolved by `resolutions[path]`, else by
 * `fallback` (default: in favour of the workspace). Keyed lists merge item by item, keeping the workspace's order and placing the
 * template's new items after their predecessor. With `base` null (a first install into a
 * workspace that already has a spec) everything both sides define differently is a conflict and
 * everything only the template defines is added. Pure: never throws, never mutates its inputs.
 */
export function mergeSpecs(
  base: unknown,
  ours: unknown,
  theirs: unknown,
  resolutions: Readonly<Record<string, ConflictChoice>> = {},
  fallback: ConflictChoice = 'ours',
): SpecMerge {
  const ctx: Ctx = { conflicts: [], changes: [], resolutions, fallback };
  const spec = merge(base ?? undefined, ours, theirs, '', ctx);
  return { spec: isObject(spec) ? spec : {}, conflicts: ctx.conflicts, changes: ctx.changes };
}

function merge(b: unknown, o: unknown, t: unknown, path: string, ctx: Ctx): unknown {
  if (jsonEqual(o, t)) return o;
  if (jsonEqual(b, o)) {
    ctx.changes.push({ path: path || '/', op: changeOp(o, t) });
    return t;
  }
  if (jsonEqual(b, t)) return o;
  if (isObject(o) && isObject(t) && (b === undefined || isObject(b)))
    return mergeObjects(b as Record<string, unknown> | undefined, o, t, path, ctx);
  const id = keyedBy(b, o, t);
  if (id) return mergeLists(b as object[] | undefined, o as object[], t as object[], id, path, ctx);
  const chosen = ctx.resolutions[path || '/'] ?? ctx.fallback;
  ctx.conflicts.push({ path: path || '/', base: b, ours: o, theirs: t, chosen });
  if (chosen === 'theirs') return t;
  return o;
}

function mergeObjects(
  b: Record<string, unknown> | undefined,
  o: Record<string, unknown>,
  t: Record<string, unknown>,
  path: string,
  ctx: Ctx,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [...Object.keys(o), ...Object.keys(t).filter((k) => !(k in o))];
  for (const k of keys) {
    const v = merge(b?.[k], o[k], t[k], `${path}/${escape(k)}`, ctx);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function mergeLists(
  b: object[] | undefined,
  o: object[],
  t: object[],
  id: string,
  path: string,
  ctx: Ctx,
): object[] {
  const idOf = (item: object) => String((item as Record<string, unknown>)[id]);
  const index = (list: object[] | undefined) => new Map((list ?? []).map((x) => [idOf(x), x]));
  const [bi, oi, ti] = [index(b), index(o), index(t)];
  // The workspace's order, then each item only the template has, after its predecessor there.
  const order = [...oi.keys()];
  t.forEach((item, i) => {
    const key = idOf(item);
    if (oi.has(key) || order.includes(key)) return;
    const before = i === 0 ? null : idOf(t[i - 1] as object);
    const at = before === null ? -1 : order.indexOf(before);
    order.splice(at + 1, 0, key);
  });
  const out: object[] = [];
  for (const key of order) {
    const v = merge(bi.get(key), oi.get(key), ti.get(key), `${path}/${escape(key)}`, ctx);
    if (v !== undefined) out.push(v as object);
  }
  return out;
}

/** The identifying property of a keyed list (all three sides' items carry it), or null. */
function keyedBy(...lists: unknown[]): string | null {
  const present = lists.filter((l) => l !== undefined);
  if (!present.every(Array.isArray)) return null;
  const items = (present as unknown[][]).flat();
  if (items.length === 0) return null;
  for (const prop of ID_PROPS) {
    const all = items.every((x) => isObject(x) && typeof x[prop] === 'string');
    const unique = (present as unknown[][]).every(
      (l) => new Set(l.map((x) => (x as Record<string, unknown>)[prop])).size === l.length,
    );
    if (all && unique) return prop;
  }
  return null;
}

function changeOp(before: unknown, after: unknown): TemplateChange['op'] {
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  return 'changed';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
