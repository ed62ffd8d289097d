import { analyse, compileToSql } from '@trellis/logic';
import type { StoreIssue, WhereSql } from '@trellis/store';
import { engineError, fieldError, type Failure } from '../i18n/errors';
import { authorize, beginCall, callLocale, guard, isFailure, type Call } from './call';
import { hiddenFields, visible } from './outcome';
import type { Runtime } from './runtime';
import { searchCondition } from '@trellis/store';
import type { CallOptions, ListOptions, ListResult, RecordResult } from './types';

/** Reads one record the actor may see; deleted records only with `includeDeleted`. */
export function getRecord(
  rt: Runtime,
  entity: string,
  id: string,
  opts: CallOptions & { includeDeleted?: boolean },
): RecordResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const record = call.live.store.get(entity, id, {
      includeDeleted: opts.includeDeleted ?? false,
    });
    if (!record) return engineError('not_found', call.locale, 'notFound', { entity, id });
    const denied = authorize(call, 'read', record);
    if (denied) return denied;
    return { ok: true, record: visible(call, record) };
  });
}

/**
 * Lists records: JSONLogic `filter` compiled to SQL, the permission port's list scope ANDed in,
 * sort on any field with keyset (cursor) pagination, optional total; an optional substring
 * `search` over the title, phone and email fields the actor can read narrows the same list.
 */
export function listRecords(
  rt: Runtime,
  entity: string,
  query: ListOptions,
  opts: CallOptions,
  deleted: 'exclude' | 'only' = 'exclude',
): ListResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'read');
    if (denied) return denied;
    const leak = hiddenUse(call, query);
    if (leak) return leak;
    const where = whereOf(call, query.filter, query.timeZone);
    if (isFailure(where)) return where;
    if (where === 'none')
      return { ok: true, records: [], nextCursor: null, ...(query.count ? { total: 0 } : {}) };
    const searched = withSearch(call, where, query.search);
    if (isFailure(searched)) return searched;
    if (searched === 'none')
      return { ok: true, records: [], nextCursor: null, ...(query.count ? { total: 0 } : {}) };
    const res = call.live.store.list(entity, {
      where: searched,
      ...(query.sort ? { sort: query.sort } : {}),
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
      count: query.count ?? false,
      deleted,
    });
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
export function hiddenUse(call: Call, query: Pick<ListOptions, 'filter' | 'sort'>): Failure | null {
  const hidden = hiddenFields(call);
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

/** The list condition ANDed with the search condition, when there is a search. */
export function withSearch(
  call: Call,
  where: WhereSql | null,
  search: string | undefined,
): WhereSql | null | 'none' | Failure {
  if (search === undefined || search.trim() === '') return where;
  const table = call.live.store.table(call.model.key);
  if (!table)
    return engineError('unknown_entity', call.locale, 'unknownEntity', { entity: call.model.key });
  const cond = searchCondition(table, search, hiddenFields(call));
  if (cond === 'none') return 'none';
  if (!where) return cond;
  return { sql: `(${where.sql}) AND (${cond.sql})`, params: [...where.params, ...cond.params] };
}

/**
 * The SQL condition of a list: the caller's filter AND the actor's list scope; 'none' = nothing
 * visible. `$user`, `now` and `startOf` periods (in `timeZone`) are resolved here.
 */
export function whereOf(
  call: Call,
  filter: unknown,
  timeZone?: string,
): WhereSql | null | 'none' | Failure {
  const parts: WhereSql[] = [];
  const scope = call.rt.permissions.listScope?.(call.actor, call.model.key);
  if (scope?.kind === 'none') return 'none';
  if (scope?.kind === 'where') parts.push({ sql: scope.sql, params: scope.params });
  if (filter !== undefined && filter !== null) {
    const table = call.live.store.table(call.model.key);
    if (!table)
      return engineError('unknown_entity', call.locale, 'unknownEntity', {
        entity: call.model.key,
      });
    const compiled = compileToSql(filter, {
      columns: table.columns,
      ctx: {
        now: call.now,
        ...(call.user ? { user: call.user } : {}),
        ...(timeZone ? { timeZone } : {}),
      },
    });
    if (!compiled.ok) {
      const errors = compiled.errors.map((e) => ({ ...e, path: `/filter${e.path}` }));
      return engineError('invalid_input', call.locale, 'invalidFilter', {}, errors);
    }
    parts.push({ sql: compiled.sql, params: compiled.params });
  }
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' AND '),
    params: parts.flatMap((p) => [...p.params]),
  };
}

function listFailure(call: Call, issue: StoreIssue): Failure {
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
