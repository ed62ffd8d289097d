import { useQuery } from '@tanstack/react-query';
import type { AppSpec, EntitySpec } from '@trellis/spec';
import { api, unwrap } from '../api/client';
import { sessionKeys } from './keys';
import type { LiveSpec } from './types';

/** The live spec's query (also started by the router as it starts: app/session-loader). */
export const specQuery = {
  queryKey: sessionKeys.spec(),
  queryFn: async () => (await unwrap(api.GET('/api/v1/spec'))) as unknown as LiveSpec,
  staleTime: 5 * 60_000,
};

/** The live spec (hidden fields and automations already left out by the server for this user). */
export function useSpec() {
  return useQuery(specQuery);
}

/** What an empty workspace (nothing published yet) shows: no entities, no forms. */
const NOTHING_PUBLISHED = {
  specVersion: 1,
  name: {},
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [],
} as unknown as AppSpec;

/**
 * The live spec; only call below the session guard, which loads it first. An empty workspace
 * (the builder has published nothing yet) has a spec without entities.
 */
export function useLiveSpec(): AppSpec {
  const { data } = useSpec();
  if (!data) throw new Error('useLiveSpec before the spec loaded');
  return data.spec ?? NOTHING_PUBLISHED;
}

/** An entity of the spec by key, or undefined. */
export function entityOf(spec: AppSpec, key: string | undefined): EntitySpec | undefined {
  return spec.entities.find((e) => e.key === key);
}
