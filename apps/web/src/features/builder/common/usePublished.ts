import { useMemo } from 'react';
import { useSpec } from '../../../lib/session/useSpec';

/**
 * What is already published, by key: published entity and field keys are the names of tables
 * and columns, so the builder locks them (renaming would orphan the data).
 */
export function usePublished() {
  const live = useSpec().data?.spec ?? null;
  return useMemo(() => {
    const fields = new Map(
      (live?.entities ?? []).map((e) => [e.key, new Set(e.fields.map((f) => f.key))] as const),
    );
    const stages = new Map(
      (live?.pipelines ?? []).map((p) => [p.key, new Set(p.stages.map((s) => s.key))] as const),
    );
    const options = new Map<string, Set<string>>();
    for (const e of live?.entities ?? [])
      for (const f of e.fields)
        if ('options' in f)
          options.set(`${e.key}.${f.key}`, new Set(f.options.map((o) => o.value)));
    const teams = new Set((live?.teams ?? []).map((t) => t.key));
    return {
      entity: (key: string) => fields.has(key),
      team: (key: string) => teams.has(key),
      field: (entity: string, key: string) => fields.get(entity)?.has(key) ?? false,
      stage: (pipeline: string, key: string) => stages.get(pipeline)?.has(key) ?? false,
      option: (entity: string, field: string, value: string) =>
        options.get(`${entity}.${field}`)?.has(value) ?? false,
    };
  }, [live]);
}
