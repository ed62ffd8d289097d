import type { AppSpec } from '@trellis/spec';

/**
 * The diff recorded with a published version. Uses @trellis/spec's diffSpec when it exists;
 * until then a coarse entity/field level diff in the same change shape.
 */
export function diffSpecs(from: AppSpec, to: AppSpec): unknown[] {
  const changes: unknown[] = [];
  const before = new Map(from.entities.map((e) => [e.key, e]));
  const after = new Map(to.entities.map((e) => [e.key, e]));
  for (const [key, e] of after) {
    const old = before.get(key);
    if (!old) {
      changes.push({ kind: 'entity', op: 'added', path: `/entities/${key}`, key });
      continue;
    }
    const oldFields = new Map(old.fields.map((f) => [f.key, f]));
    for (const f of e.fields) {
      const prev = oldFields.get(f.key);
      if (!prev) changes.push({ kind: 'field', op: 'added', path: `/entities/${key}/fields/${f.key}`, key: f.key, entity: key, after: f });
      else if (JSON.stringify(prev) !== JSON.stringify(f)) changes.push({ kind: 'field', op: 'changed', path: `/entities/${key}/fields/${f.key}`, key: f.key, entity: key, before: prev, after: f });
    }
    const keys = new Set(e.fields.map((f) => f.key));
    for (const f of old.fields) if (!keys.has(f.key)) changes.push({ kind: 'field', op: 'removed', path: `/entities/${key}/fields/${f.key}`, key: f.key, entity: key, before: f });
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push({ kind: 'entity', op: 'removed', path: `/entities/${key}`, key });
  return changes;
}
