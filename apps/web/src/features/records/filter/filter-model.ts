/** The operators the filter builder offers; each turns into one JSONLogic expression. */
export type FilterOp =
  'eq' | 'ne' | 'contains' | 'gt' | 'lt' | 'gte' | 'lte' | 'in' | 'within' | 'empty' | 'notEmpty';

/** One row of the builder: field, operator, value. */
export type FilterRow = { field: string; op: FilterOp; value?: unknown };

/** The builder's state: rows joined by and / or. */
export type FilterModel = { join: 'and' | 'or'; rows: FilterRow[] };

/** Which operators fit a field type (the builder shows only these). */
export const OPS_BY_KIND: Record<
  'text' | 'number' | 'time' | 'choice' | 'flag' | 'place',
  FilterOp[]
> = {
  text: ['contains', 'eq', 'ne', 'empty', 'notEmpty'],
  number: ['eq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  time: ['gte', 'lte', 'empty', 'notEmpty'],
  choice: ['in', 'eq', 'ne', 'empty', 'notEmpty'],
  flag: ['eq'],
  // A region: the place picked (a province, a city or a district) and everything in it.
  place: ['within', 'empty', 'notEmpty'],
};

/** The builder's kind of a field type. */
export function kindOf(type: string): keyof typeof OPS_BY_KIND {
  if (['number', 'money', 'percent', 'formula'].includes(type)) return 'number';
  if (['datetime', 'date'].includes(type)) return 'time';
  if (['select', 'user', 'multiselect'].includes(type)) return 'choice';
  if (type === 'boolean') return 'flag';
  if (type === 'region') return 'place';
  return 'text';
}

const NEEDS_VALUE = (op: FilterOp) => op !== 'empty' && op !== 'notEmpty';

/** A row is complete when its operator needs no value or has one. */
export function isComplete(row: FilterRow): boolean {
  if (!row.field) return false;
  if (!NEEDS_VALUE(row.op)) return true;
  if (Array.isArray(row.value)) return row.value.length > 0;
  return row.value !== undefined && row.value !== null && row.value !== '';
}

/**
 * A GB/T 2260 code as the condition "in this place": a province (330000) is every code starting
 * 33, a city (330100) every code starting 3301, a district (330106) that code. A region field
 * holds the code of its own level or above, so the prefix takes in the places below the one
 * picked.
 */
function withinLogic(field: string, code: string): unknown {
  const v = { var: field };
  if (!/^\d{6}$/.test(code)) return { '==': [v, code] };
  if (code.endsWith('0000')) return { startsWith: [v, code.slice(0, 2)] };
  if (code.endsWith('00')) return { startsWith: [v, code.slice(0, 4)] };
  return { '==': [v, code] };
}

function rowLogic(row: FilterRow): unknown {
  const v = { var: row.field };
  switch (row.op) {
    case 'eq':
      return { '==': [v, row.value] };
    case 'ne':
      return { '!=': [v, row.value] };
    case 'contains':
      return { contains: [v, String(row.value)] };
    case 'gt':
      return { '>': [v, row.value] };
    case 'lt':
      return { '<': [v, row.value] };
    case 'gte':
      return { '>=': [v, row.value] };
    case 'lte':
      return { '<=': [v, row.value] };
    case 'in':
      return { in: [v, Array.isArray(row.value) ? row.value : [row.value]] };
    case 'within':
      return withinLogic(row.field, String(row.value));
    case 'empty':
      return { isEmpty: [v] };
    case 'notEmpty':
      return { '!': { isEmpty: [v] } };
  }
}

/**
 * The JSONLogic condition of the builder's complete rows (incomplete rows are ignored while the
 * user is still filling them); undefined when there is none.
 */
export function toJsonLogic(model: FilterModel): unknown {
  const parts = model.rows.filter(isComplete).map(rowLogic);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { [model.join]: parts };
}
