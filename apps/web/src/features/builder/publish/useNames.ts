import { useMemo } from 'react';
import type { AppSpec } from '@trellis/spec';
import { useSpec } from '../../../lib/session/useSpec';

/**
 * Entities and fields to name things by in a plan: those of `spec`, plus those of the live
 * spec it removes (a removed field is still called by its label in "archive 12 values of …").
 */
export function useNames(spec: AppSpec): AppSpec {
  const live = useSpec().data?.spec ?? null;
  return useMemo(() => {
    if (!live) return spec;
    const entities = spec.entities.map((e) => {
      const old = live.entities.find((x) => x.key === e.key);
      const gone = old?.fields.filter((f) => !e.fields.some((x) => x.key === f.key)) ?? [];
      return gone.length ? { ...e, fields: [...e.fields, ...gone] } : e;
    });
    const removed = live.entities.filter((e) => !spec.entities.some((x) => x.key === e.key));
    return { ...spec, entities: [...entities, ...removed] };
  }, [spec, live]);
}
