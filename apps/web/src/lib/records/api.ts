import { query, request } from '../api/client';
import type { BulkResult, Group, ListParams, RecordData, RecordPage, View } from './types';

/** The browser's time zone: what "today" and "this week" mean in the user's views. */
const timeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The spec's views the user may read, then the user's own saved views. */
export async function fetchViews(): Promise<View[]> {
  return (await request<{ items: View[] }>('GET', '/api/v1/views')).items;
}

/**
 * One page of a view's records (its filter AND the extra one), from `cursor`; `@entity` lists
 * all. The first page asks for the total too unless `count: false` — counting every matching
 * row costs the server more than the page itself on a large workspace, so a caller that has the
 * count from elsewhere (a board column, from the groups) does not ask.
 */
export function fetchViewPage(
  view: string,
  params: ListParams,
  cursor?: string | null,
  {
    limit = 100,
    count = true,
    signal,
  }: { limit?: number; count?: boolean; signal?: AbortSignal } = {},
): Promise<RecordPage> {
  const total = count && !cursor ? 1 : undefined;
  const q = query({ ...params, cursor, limit, count: total, tz: timeZone() });
  // '@lead': the entity's whole list (an entity without views of its own).
  const path = view.startsWith('@')
    ? `/api/v1/records/${view.slice(1)}`
    : `/api/v1/views/${encodeURIComponent(view)}/records`;
  return request('GET', path + q, undefined, signal);
}

/**
 * Counts (and sums) of a view's records per value of `by` (a board's columns); `@entity` all.
 * `signal`: the query's, so a count nobody waits for any more is not counted to the end.
 */
export async function fetchViewGroups(
  view: string,
  params: ListParams & { by?: string; sum?: string },
  signal?: AbortSignal,
): Promise<Group[]> {
  const path = view.startsWith('@')
    ? `/api/v1/records/${view.slice(1)}/groups`
    : `/api/v1/views/${encodeURIComponent(view)}/groups`;
  const res = await request<{ groups: Group[] }>(
    'GET',
    path + query({ ...params, tz: timeZone() }),
    undefined,
    signal,
  );
  return res.groups;
}

export function fetchRecord(entity: string, id: string): Promise<RecordData> {
  return request('GET', `/api/v1/records/${entity}/${encodeURIComponent(id)}`);
}

export function createRecord(entity: string, values: Record<string, unknown>): Promise<RecordData> {
  return request('POST', `/api/v1/records/${entity}`, values);
}

export function updateRecord(
  entity: string,
  id: string,
  version: number,
  values: Record<string, unknown>,
): Promise<RecordData> {
  return request('PATCH', `/api/v1/records/${entity}/${encodeURIComponent(id)}`, {
    ...values,
    version,
  });
}

/** Moves a record to a stage, writing the fields the stage requires with it. */
export function moveStage(
  entity: string,
  id: string,
  stage: string,
  opts: { version?: number; values?: Record<string, unknown> } = {},
): Promise<RecordData> {
  return request('POST', `/api/v1/records/${entity}/${encodeURIComponent(id)}/stage`, {
    stage,
    ...opts,
  });
}

/** Assign, change stage or delete many records; one result per record. */
export function bulk(
  entity: string,
  body: {
    action: 'assign' | 'stage' | 'delete';
    ids: string[];
    ownerId?: string | null;
    stage?: string;
  },
): Promise<{ results: BulkResult[]; succeeded: number; failed: number }> {
  return request('POST', `/api/v1/records/${entity}/bulk`, body);
}

/**
 * The export URL of a list as shown: the view (the server applies its filter and sort), the
 * filter built on top of it, the search and the sort (the server keeps only visible fields).
 */
export function exportUrl(
  entity: string,
  list: { view?: string; filter?: unknown; q?: string; sort?: string },
  format: 'csv' | 'csv-gbk' | 'xlsx' | 'json' = 'csv',
): string {
  return `/api/v1/records/${entity}/export${query({ format, ...list })}`;
}

/** Saves a view of the user's own. */
export function saveView(body: Omit<View, 'key' | 'kind'>): Promise<View> {
  return request('POST', '/api/v1/views', body);
}

/** Deletes one of the user's saved views. */
export function deleteView(key: string): Promise<void> {
  return request('DELETE', `/api/v1/views/${encodeURIComponent(key)}`);
}

/** One entry of a record's timeline (newest first), as the server answers it. */
export type TimelineEntry = {
  kind:
    | 'created'
    | 'change'
    | 'assignment'
    | 'deleted'
    | 'restored'
    | 'stage'
    | 'activity'
    | 'task'
    | 'touch'
    | 'handover'
    | 'consent';
  id: string;
  at: number;
  actorId: string | null;
  via?: string | null;
  changes?: { field: string; before: unknown; after: unknown }[];
  from?: string | null;
  to?: string;
  activity?: { id: string; type: string; body: string | null; occurredAt: number };
  task?: Task;
  touch?: Record<string, unknown>;
  reason?: {
    automationKey: string;
    trace: {
      strategy: string;
      reason: string;
      /** The team's key. */
      team?: string;
      /** The matched rule's index (of an assign with rules), or the fallback. */
      rule?: number | 'fallback';
      chosen: string | null;
    };
  };
  /** An owner change's kind in the ownership ledger (claim, release, reclaim…) and its reason. */
  ownership?: { kind: string; reason: string | null };
};

/** A timeline entry of kind `handover` (its `reason` is the handover's why, a sentence). */
export type HandoverEntry = {
  fromUserId: string | null;
  toUserId: string;
  reason: string | null;
  status: string;
  summary: {
    note?: Partial<Record<'needs' | 'risks' | 'open', string[]>> & { text?: string };
  } | null;
};

/** A task as the server answers it. */
export type Task = {
  id: string;
  entity: string | null;
  recordId: string | null;
  title: string;
  description: string | null;
  assigneeId: string | null;
  dueAt: number | null;
  status: string;
  completedAt: number | null;
};

export async function fetchTimeline(entity: string, id: string): Promise<TimelineEntry[]> {
  return (
    await request<{ items: TimelineEntry[] }>(
      'GET',
      `/api/v1/records/${entity}/${encodeURIComponent(id)}/timeline`,
    )
  ).items;
}

/** Logs an activity (a call, a WeChat message) on a record. */
export function logActivity(
  entity: string,
  id: string,
  body: { type: string; body?: string },
): Promise<unknown> {
  return request('POST', `/api/v1/records/${entity}/${encodeURIComponent(id)}/activities`, body);
}

/** My tasks (open by default), overdue first as the server sorts them. */
export async function fetchTasks(
  params: Record<string, string> = { status: 'open' },
): Promise<Task[]> {
  return (await request<{ items: Task[] }>('GET', `/api/v1/tasks` + query(params))).items;
}

export function completeTask(id: string): Promise<Task> {
  return request('PATCH', `/api/v1/tasks/${encodeURIComponent(id)}`, { status: 'done' });
}
