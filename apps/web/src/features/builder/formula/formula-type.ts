/** What a formula gives, for the hint beside it. */
export type ResultKind = 'number' | 'text' | 'boolean' | 'date' | 'list' | 'mixed';

const BY_FIELD: Record<string, ResultKind> = {
  number: 'number',
  percent: 'number',
  money: 'number',
  date: 'date',
  datetime: 'date',
  boolean: 'boolean',
  multiselect: 'list',
};
const BY_OPERATOR: Record<string, ResultKind> = {
  ...Object.fromEntries(
    ['+', '-', '*', '/', '%', 'min', 'max', 'length', 'daysSince', 'hoursSince'].map((o) => [
      o,
      'number',
    ]),
  ),
  ...Object.fromEntries(
    [
      '==',
      '!=',
      '===',
      '!==',
      '<',
      '<=',
      '>',
      '>=',
      '!',
      '!!',
      'and',
      'or',
      'in',
      'isEmpty',
      'startsWith',
      'contains',
      'changed',
      'changedTo',
      'changedFrom',
    ].map((o) => [o, 'boolean']),
  ),
  ...Object.fromEntries(['cat', 'substr', 'sha256'].map((o) => [o, 'text'])),
  ...Object.fromEntries(['now', 'addDuration', 'startOf'].map((o) => [o, 'date'])),
  merge: 'list',
};

/** The kind of value a formula gives (`fieldType` names the type of a field by key). */
export function resultKind(
  logic: unknown,
  fieldType: (key: string) => string | undefined,
): ResultKind {
  if (typeof logic === 'number') return 'number';
  if (typeof logic === 'string') return 'text';
  if (typeof logic === 'boolean') return 'boolean';
  if (Array.isArray(logic)) return 'list';
  if (logic === null || typeof logic !== 'object') return 'mixed';
  const [op, args] = Object.entries(logic)[0] ?? [];
  if (op === 'var') return BY_FIELD[fieldType(String(args)) ?? ''] ?? 'text';
  if (op === 'if' && Array.isArray(args)) {
    // The values are the odd arguments and the last (the "else").
    const kinds = new Set(
      args
        .filter((_, i) => i % 2 === 1 || i === args.length - 1)
        .map((a) => resultKind(a, fieldType)),
    );
    return kinds.size === 1 ? [...kinds][0]! : 'mixed';
  }
  return BY_OPERATOR[op ?? ''] ?? 'mixed';
}
