import { engineError, fieldError, type Failure } from '../i18n/errors';
import { authorize, beginCall, callLocale, guard, isFailure, type Call } from './call';
import { hiddenFields } from './outcome';
import { hiddenUse, whereOf, withSearch } from './read';
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
): GroupResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    const denied = authorize(call, 'read');
    if (denied) return denied;
    const leak = hiddenUse(call, { filter: query.filter }) ?? hiddenTarget(call, query);
    if (leak) return leak;
    const where = whereOf(call, query.filter, query.timeZone);
    if (isFailure(where)) return where;
    if (where === 'none') return { ok: true, groups: [] };
    const searched = withSearch(call, where, query.search);
    if (isFailure(searched)) return searched;
    if (searched === 'none') return { ok: true, groups: [] };
    const res = call.live.store.group(entity, {
      where: searched,
      by: query.by ?? null,
      ...(query.sums?.length ? { sums: query.sums } : {}),
    });
    if (!res.ok)
      return engineError('invalid_input', call.locale, 'invalidFilter', {}, [
        fieldError(call.locale, res.error.path, 'unknown_field', 'unknownField', {
          field: String(res.error.params?.field ?? ''),
        }),
      ]);
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
