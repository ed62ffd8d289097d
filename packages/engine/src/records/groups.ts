import type { GroupQuery } from '@trellis/store';
import { engineError, fieldError, type Failure } from '../i18n/errors';
import { authorize, beginCall, callLocale, guard, isFailure, records, type Call } from './call';
import { hiddenFields } from './outcome';
import { hiddenUse, listFailure } from './read';
import { listScopeOf } from './related-scope';
import type { Runtime } from './runtime';
import type { CallOptions, GroupOptions, GroupResult } from './types';

/**
 * Counts (and sums) the records the actor could list with the same filter and search, per value
 * of `by`: board column headers and workbench tiles. The permission scope applies exactly as in
 * a list; grouping or summing a field hidden from the actor is refused as an unknown field.
 */
export function groupRecords(
  rt: Runtime,
  entity: string,
  query: GroupOptions,
  opts: CallOptions,
): Promise<GroupResult> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'read');
    if (denied) return denied;
    const hidden = hiddenFields(call);
    const leak = hiddenUse(call, { filter: query.filter }, hidden) ?? hiddenTarget(call, query);
    if (leak) return leak;
    const scope = listScopeOf(call, query.filter);
    if (scope === 'none') return { ok: true, groups: [] };
    if (isFailure(scope)) return scope;
    const q: GroupQuery = {
      ...(query.filter !== undefined && query.filter !== null ? { filter: query.filter } : {}),
      ...scope,
      context: {
        now: call.now,
        ...(call.user ? { user: call.user } : {}),
        ...(query.timeZone ? { timeZone: query.timeZone } : {}),
      },
      ...(query.search !== undefined && query.search.trim() !== ''
        ? { search: { text: query.search, hidden: [...hidden] } }
        : {}),
      by: query.by ?? null,
      ...(query.sums?.length ? { sums: query.sums } : {}),
    };
    const res = await records(call).group(entity, q);
    if (!res.ok) {
      if (res.error.code === 'unknown_field')
        return engineError('invalid_input', call.locale, 'invalidFilter', {}, [
          fieldError(call.locale, res.error.path, 'unknown_field', 'unknownField', {
            field: String(res.error.params?.field ?? ''),
          }),
        ]);
      return listFailure(call, res.error);
    }
    return { ok: true, groups: res.value };
  });
}

function hiddenTarget(call: Call, query: GroupOptions): Failure | null {
  const hidden = hiddenFields(call);
  const used = [
    ...(query.by && hidden.has(query.by) ? [{ path: '/by', field: query.by }] : []),
    ...(query.sums ?? [])
      .map((field, i) => ({ path: `/sums/${i}`, field }))
      .filter((u) => hidden.has(u.field)),
  ];
  if (used.length === 0) return null;
  return engineError(
    'invalid_input',
    call.locale,
    'invalidFilter',
    {},
    used.map((u) =>
      fieldError(call.locale, u.path, 'unknown_field', 'unknownField', { field: u.field }),
    ),
  );
}
