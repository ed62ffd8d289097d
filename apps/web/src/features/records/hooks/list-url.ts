import type { ListParams } from '../../../lib/records/types';
import { toJsonLogic, type FilterModel, type FilterOp } from '../filter/filter-model';

export type Sort = { field: string; dir: 'asc' | 'desc' } | null;

const EMPTY: FilterModel = { join: 'and', rows: [] };
const OPS = new Set<FilterOp>([
  'eq',
  'ne',
  'contains',
  'gt',
  'lt',
  'gte',
  'lte',
  'in',
  'within',
  'empty',
  'notEmpty',
]);

/**
 * The filter builder's rows from the `f` search parameter (JSON), so a list with its filter can
 * be bookmarked, shared and reloaded. Anything malformed reads as no filter, never as an error.
 */
export function readFilter(param: string | null): FilterModel {
  if (!param) return EMPTY;
  try {
    const parsed = JSON.parse(param) as Partial<FilterModel>;
    const rows = Array.isArray(parsed.rows)
      ? parsed.rows.filter((r) => r && typeof r.field === 'string' && OPS.has(r.op as FilterOp))
      : [];
    return { join: parsed.join === 'or' ? 'or' : 'and', rows };
  } catch {
    return EMPTY;
  }
}

/** The `f` parameter of a filter, or null when it has no rows. */
export function writeFilter(model: FilterModel): string | null {
  return model.rows.length ? JSON.stringify(model) : null;
}

/** `sort=name` / `sort=-createdAt` as the sort state. */
export function readSort(param: string | null): Sort {
  if (!param) return null;
  const desc = param.startsWith('-');
  const field = desc ? param.slice(1) : param;
  return field ? { field, dir: desc ? 'desc' : 'asc' } : null;
}

/** The `sort` parameter of a sort state (the API's own syntax). */
export function writeSort(sort: Sort): string | null {
  return sort ? `${sort.dir === 'desc' ? '-' : ''}${sort.field}` : null;
}

/** The JSONLogic filter a dashboard passed in the URL (`filter=`; ignored when it is not JSON). */
export function reportFilter(raw: string | null): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The list's query as its URL states it: the filter built in the list (`f`) AND a dashboard's
 * (`filter`), the sort, the search. One function for the page and the route's loader, so the
 * rows the loader asks for are the ones the page then reads from the cache.
 */
export function listParamsOf(params: URLSearchParams): ListParams {
  const built = toJsonLogic(readFilter(params.get('f')));
  const report = reportFilter(params.get('filter'));
  const filter =
    report !== undefined && built !== undefined ? { and: [report, built] } : (report ?? built);
  const sort = params.get('sort');
  const q = params.get('q');
  return {
    ...(filter !== undefined ? { filter } : {}),
    ...(sort ? { sort } : {}),
    ...(q ? { q } : {}),
  };
}
