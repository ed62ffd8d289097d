import { analyse } from '@trellis/logic';
import type { RecordQuery, StoreIssue } from '@trellis/store';
import { engineError, fieldError, type Failure } from '../i18n/errors';
import { authorize, beginCall, callLocale, guard, isFailure, records, type Call } from './call';
import { hiddenFields, visible } from './outcome';
import { listScopeOf } from './related-scope';
import type { Runtime } from './runtime';
import type { CallOptions, ListOptions, ListResult, RecordResult } from './types';

/**
 * Reads one record the actor may see; deleted records only with `includeDeleted`. `lock` (with
 * `tx`): the row stays as read until the transaction ends (see the store's `get`).
 */
export function getRecord(
  rt: Runtime,
  entity: string,
  id: string,
  opts: CallOptions & { includeDeleted?: boolean; lock?: boolean },
): Promise<RecordResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const record = await records(call).get(entity, id, {
      includeDeleted: opts.includeDeleted ?? false,
      ...(opts.lock && opts.tx ? { lock: true } : {}),
    });
    if (!record) return engineError('not_found', call.locale, 'notFound', { entity, id });
    const denied = authorize(call, 'read', record);
    if (denied) return denied;
    return { ok: true, record: visible(call, record) };
  });
}

/**
 * Lists records: the JSONLogic `filter` ANDed with the permission port's list scope (both
 * compiled to SQL by the store, `$user` from the actor), sort on any field with keyset (cursor)
 * pagination, optional total; an optional substring `search` over the title, phone and email
 * fields the actor can read narrows the same list.
 */
export function listRecords(
  rt: Runtime,
  entity: string,
  query: ListOptions,
  opts: CallOptions,
  deleted: 'exclude' | 'only' = 'exclude',
): Promise<ListResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'read');
    if (denied) return denied;
    const hidden = hiddenFields(call);
    const leak = hiddenUse(call, query, hidden);
    if (leak) return leak;
    const scope = listScopeOf(call, query.filter);
    if (scope === 'none')
      return { ok: true, records: [], nextCursor: null, ...(query.count ? { total: 0 } : {}) };
    if (isFailure(scope)) return scope;
    const q: RecordQuery = {
      ...(query.filter !== undefined && query.filter !== null ? { filter: query.filter } : {}),
      ...scope,
      context: {
        now: call.now,
        ...(call.user ? { user: call.user } : {}),
        ...(query.timeZone ? { timeZone: query.timeZone } : {}),
      },
      locale: call.locale,
      ...(query.search !== undefined && query.search.trim() !== ''
        ? { search: { text: query.search, hidden: [...hidden] } }
        : {}),
      ...(query.sort ? { sort: query.sort } : {}),
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
      count: query.count ?? false,
      deleted,
    };
    const res = await records(call).list(entity, q);
    if (!res.ok) return listFailure(call, res.error);
    const page = res.value;
    return {
      ok: true,
      records: page.records.map((r) => visible(call, r)),
      nextCursor: page.nextCursor,
      ...(page.total !== undefined ? { total: page.total } : {}),
    };
  });
}

/**
 * Filtering or sorting on a field hidden from the actor would reveal its values, so such a list
 * is refused as if the field did not exist.
 */
export function hiddenUse(
  call: Call,
  query: Pick<ListOptions, 'filter' | 'sort'>,
  hidden: ReadonlySet<string>,
): Failure | null {
  if (hidden.size === 0) return null;
  const used: { path: string; field: string }[] = [];
  if (query.filter !== undefined && query.filter !== null) {
    for (const field of analyse(query.filter).fields)
      if (hidden.has(field.split('.')[0] ?? field)) used.push({ path: '/filter', field });
  }
  (Array.isArray(query.sort) ? query.sort : []).forEach((s, i) => {
    if (hidden.has(s?.field)) used.push({ path: `/sort/${i}/field`, field: s.field });
  });
  if (used.length === 0) return null;
  const errors = used.map((u) =>
    fieldError(call.locale, u.path, 'unknown_field', 'unknownField', { field: u.field }),
  );
  return engineError('invalid_input', call.locale, 'invalidFilter', {}, errors);
}

export function listFailure(call: Call, issue: StoreIssue): Failure {
  if (issue.code === 'invalid_filter') {
    const errors = (
      (issue.params?.errors ?? []) as { path: string; code: string; message: string }[]
    ).map((e) => ({ ...e, path: `${issue.path}${e.path}` }));
    return engineError('invalid_input', call.locale, 'invalidFilter', {}, errors);
  }
  if (issue.code === 'unknown_sort_field') {
    const field = String(issue.params?.field ?? '');
    return engineError('invalid_input', call.locale, 'invalidSort', { field }, [
      fieldError(call.locale, '/sort', 'unknown_sort_field', 'invalidSort', { field }),
    ]);
  }
  if (issue.code === 'invalid_cursor') {
    return engineError('invalid_input', call.locale, 'invalidCursor', {}, [
      fieldError(call.locale, '/cursor', 'invalid_cursor', 'invalidCursor'),
    ]);
  }
  return engineError('invalid_input', call.locale, 'invalidInput', { detail: issue.message }, [
    issue,
  ]);
}
