import type { ListParams } from './types';

/** Query keys of records, views and their groups (TanStack Query key factory). */
export const recordKeys = {
  all: ['records'] as const,
  views: () => [...recordKeys.all, 'views'] as const,
  view: (key: string) => [...recordKeys.views(), key] as const,
  lists: () => [...recordKeys.all, 'list'] as const,
  list: (view: string, params: ListParams) => [...recordKeys.lists(), view, params] as const,
  /**
   * A list's count, under the list's key so what refreshes lists refreshes it; its data is
   * `{ total }`, which readers of cached pages (`recordFromLists`) pass over.
   */
  total: (view: string, params: ListParams) => [...recordKeys.list(view, params), 'total'] as const,
  groups: (scope: string, params: ListParams & { by?: string; sum?: string }) =>
    [...recordKeys.all, 'groups', scope, params] as const,
  entity: (entity: string) => [...recordKeys.all, 'entity', entity] as const,
  detail: (entity: string, id: string) => [...recordKeys.entity(entity), id] as const,
  timeline: (entity: string, id: string) => [...recordKeys.detail(entity, id), 'timeline'] as const,
  search: (q: string) => [...recordKeys.all, 'search', q] as const,
};

/** Query keys of the user's work: tasks and notifications. */
export const workKeys = {
  all: ['work'] as const,
  tasks: (params: Record<string, string> = {}) => [...workKeys.all, 'tasks', params] as const,
  notifications: () => [...workKeys.all, 'notifications'] as const,
  handovers: () => [...workKeys.all, 'handovers'] as const,
};
