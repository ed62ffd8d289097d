import type { AppSpec } from '@trellis/spec';
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';

/** What a JSON editor edits: the whole spec, or one item of one of its lists. */
export type JsonTarget =
  { kind: 'spec' } | { kind: 'item'; list: SpecList; entity?: string | undefined };

/** The spec's keyed lists that have a JSON tab per item. */
export const SPEC_LISTS = [
  'entities',
  'forms',
  'pipelines',
  'automations',
  'roles',
  'teams',
  'views',
  'dashboards',
  'activityTypes',
  'quickReplies',
  'webhookSources',
] as const;
type SpecList = (typeof SPEC_LISTS)[number];

/** The id of the metaschema (app-spec.schema.json's $id); item schemas point into it. */
export const SPEC_SCHEMA_ID = 'https://trellis.dev/schemas/app-spec.schema.json';

/** The schema reference of a target, for the editor's validation and completion. */
export function schemaRef(target: JsonTarget): string {
  return target.kind === 'spec'
    ? SPEC_SCHEMA_ID
    : `${SPEC_SCHEMA_ID}#/properties/${target.list}/items`;
}

type Keyed = { key?: string; entity?: string; on?: { entity?: string } };

/**
 * The entity whose fields a `var` at `path` may name: the entity itself, or the entity of the
 * form / pipeline / view / automation the path is inside. Undefined when it cannot tell.
 */
export function entityAt(spec: AppSpec, target: JsonTarget, path: JSONPath): string | undefined {
  if (target.kind === 'item') {
    if (target.list === 'entities' || target.entity) return target.entity;
    return undefined;
  }
  const [list, index] = path;
  if (typeof list !== 'string' || typeof index !== 'number') return undefined;
  const item = (spec as unknown as Record<string, Keyed[] | undefined>)[list]?.[index];
  if (!item) return undefined;
  if (list === 'entities') return item.key;
  if (list === 'automations') return item.on?.entity;
  return item.entity;
}

/**
 * Whether the cursor is in the value of a `var` (`{"var": "|"}` or `{"var": ["|", 0]}`): where
 * field names are offered.
 */
export function inVar(path: JSONPath): boolean {
  const last = path.at(-1);
  return last === 'var' || (last === 0 && path.at(-2) === 'var');
}

/** The character range of the value at a JSON pointer in `text`, or null when it is not there. */
export function rangeOfPointer(text: string, pointer: string): [number, number] | null {
  const tree = parseTree(text);
  if (!tree) return null;
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // The deepest place that exists: a problem about a missing property points at its parent.
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, segments.slice(0, n));
    if (node) return [node.offset, node.offset + node.length];
  }
  return null;
}
