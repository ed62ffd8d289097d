import type { AppSpec } from '../schema/index';
import { ptr } from '../pointer';
import { changedProps, jsonEqual, without } from './equal';

export type SpecChangeKind =
  | 'spec'
  | 'entity'
  | 'field'
  | 'option'
  | 'pipeline'
  | 'stage'
  | 'form'
  | 'automation'
  | 'role'
  | 'team'
  | 'view'
  | 'dashboard'
  | 'activityType'
  | 'quickReply'
  | 'webhookSource';

/**
 * One difference between two spec versions. Items are matched by key, never by index.
 * `path` points into `to` (into `from` for removals). For `changed`, `changes` names the properties
 * that differ; nested keyed lists (fields, options, stages) are reported as their own changes and are
 * left out of their container's `changes`, except `order` when the same keys were re-ordered.
 */
export type SpecChange = {
  kind: SpecChangeKind;
  op: 'added' | 'removed' | 'changed';
  path: string;
  key: string;
  entity?: string;
  pipeline?: string;
  field?: string;
  changes?: string[];
  before?: unknown;
  after?: unknown;
};

type Keyed = { key: string };
type Extra = Partial<Pick<SpecChange, 'entity' | 'pipeline' | 'field'>>;

function sameOrder(from: string[], to: string[]): boolean {
  const common = new Set(from.filter((k) => to.includes(k)));
  const a = from.filter((k) => common.has(k));
  const b = to.filter((k) => common.has(k));
  return a.every((k, i) => k === b[i]);
}

/** Diffs two keyed lists; `nested` lists are compared by the caller and left out of `changes`. */
function diffList<T extends object>(
  out: SpecChange[],
  kind: SpecChangeKind,
  from: T[] | undefined,
  to: T[] | undefined,
  paths: { from: string; to: string },
  keyOf: (item: T) => string,
  extra: Extra = {},
  nested: readonly string[] = [],
  onBoth?: (a: T, b: T, ai: number, bi: number) => void,
): void {
  const a = from ?? [];
  const b = to ?? [];
  const aIndex = new Map(a.map((item, i) => [keyOf(item), i]));
  const bIndex = new Map(b.map((item, i) => [keyOf(item), i]));
  a.forEach((item, i) => {
    const key = keyOf(item);
    if (!bIndex.has(key))
      out.push({ kind, op: 'removed', path: ptr(paths.from, i), key, ...extra, before: item });
  });
  b.forEach((item, j) => {
    const key = keyOf(item);
    const i = aIndex.get(key);
    if (i === undefined) {
      out.push({ kind, op: 'added', path: ptr(paths.to, j), key, ...extra, after: item });
      return;
    }
    const old = a[i] as T;
    const changes = changedProps(old, item, nested);
    for (const list of nested) {
      const x = (old as Record<string, unknown>)[list];
      const y = (item as Record<string, unknown>)[list];
      if (Array.isArray(x) && Array.isArray(y) && !sameOrder(x.map(keyOfAny), y.map(keyOfAny)))
        changes.push(`${list}.order`);
    }
    if (changes.length > 0)
      out.push({
        kind,
        op: 'changed',
        path: ptr(paths.to, j),
        key,
        ...extra,
        changes,
        before: without(old, nested),
        after: without(item, nested),
      });
    onBoth?.(old, item, i, j);
  });
}

function keyOfAny(item: unknown): string {
  const o = item as Record<string, unknown>;
  return String(o.key ?? o.value ?? '');
}

const byKey = (item: Keyed) => item.key;
const TOP_LISTS = [
  ['forms', 'form'],
  ['automations', 'automation'],
  ['roles', 'role'],
  ['teams', 'team'],
  ['views', 'view'],
  ['dashboards', 'dashboard'],
  ['activityTypes', 'activityType'],
  ['quickReplies', 'quickReply'],
  ['webhookSources', 'webhookSource'],
] as const;
const SCALARS = ['specVersion', 'name', 'description', 'locales', 'defaultLocale'] as const;

/** Typed changes from one spec version to the next, matched by key (the basis of publish and migrations). */
export function diffSpec(from: AppSpec, to: AppSpec): SpecChange[] {
  const out: SpecChange[] = [];
  for (const prop of SCALARS) {
    if (!jsonEqual(from[prop], to[prop]))
      out.push({
        kind: 'spec',
        op: 'changed',
        path: `/${prop}`,
        key: prop,
        before: from[prop],
        after: to[prop],
      });
  }
  diffList(
    out,
    'entity',
    from.entities,
    to.entities,
    { from: '/entities', to: '/entities' },
    byKey,
    {},
    ['fields'],
    (a, b, ai, bi) => {
      const paths = { from: ptr('/entities', ai, 'fields'), to: ptr('/entities', bi, 'fields') };
      diffList(
        out,
        'field',
        a.fields,
        b.fields,
        paths,
        byKey,
        { entity: b.key },
        ['options'],
        (fa, fb, fi, fj) => {
          const fo = 'options' in fa ? fa.options : undefined;
          const fbo = 'options' in fb ? fb.options : undefined;
          if (!fo && !fbo) return;
          const op = { from: ptr(paths.from, fi, 'options'), to: ptr(paths.to, fj, 'options') };
          diffList(out, 'option', fo, fbo, op, (o) => o.value, { entity: b.key, field: fb.key });
        },
      );
    },
  );
  diffList(
    out,
    'pipeline',
    from.pipelines,
    to.pipelines,
    { from: '/pipelines', to: '/pipelines' },
    byKey,
    {},
    ['stages'],
    (a, b, ai, bi) => {
      const paths = { from: ptr('/pipelines', ai, 'stages'), to: ptr('/pipelines', bi, 'stages') };
      diffList(out, 'stage', a.stages, b.stages, paths, byKey, {
        pipeline: b.key,
        entity: b.entity,
      });
    },
  );
  for (const [prop, kind] of TOP_LISTS) {
    diffList<Keyed>(
      out,
      kind,
      from[prop] as Keyed[] | undefined,
      to[prop] as Keyed[] | undefined,
      { from: `/${prop}`, to: `/${prop}` },
      byKey,
    );
  }
  return out;
}
