import type { FieldKind } from './types';

/** What an operator's value looks like, which decides the value input. */
export type OperatorValue = 'none' | 'one' | 'list' | 'range' | 'count';

type Read = { field: string; value?: unknown };

/**
 * One operator of the condition builder: the JSONLogic it writes and the exact shape it reads
 * back. `read` accepts only what `write` produces, so anything else stays raw JSON, never lost.
 */
export type ConditionOperator = {
  key: string;
  /** Field kinds it is offered for. */
  kinds: readonly FieldKind[];
  value: OperatorValue;
  /** Needs the signed-in user ($user) or the previous record ($previous) in scope. */
  needs?: 'user' | 'previous';
  write(field: string, value: unknown): unknown;
  read(expr: unknown): Read | null;
  /**
   * Another shape people (and templates) write for the same test, read only for fields of
   * `kinds` where it means exactly that (`{"!": {"var": f}}` is "is empty" for a person, not for
   * a number, where 0 is falsy). Rewritten in the operator's own shape once the rule is edited.
   */
  aliases?: { kinds: readonly FieldKind[]; read(expr: unknown): Read | null }[];
};

const TEXTUAL: FieldKind[] = ['text'];
const ORDERED: FieldKind[] = ['number', 'money', 'date', 'datetime'];
const EVERY: FieldKind[] = [
  'text',
  'number',
  'money',
  'date',
  'datetime',
  'boolean',
  'choice',
  'multi',
  'user',
  'team',
  'ref',
  'other',
];

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isLiteral = (x: unknown): boolean =>
  x === null || ['string', 'number', 'boolean'].includes(typeof x);

/** The single operator of `{op: args}`, or null. */
function single(expr: unknown): [string, unknown] | null {
  if (!isObj(expr)) return null;
  const keys = Object.keys(expr);
  return keys.length === 1 ? [keys[0]!, expr[keys[0]!]] : null;
}

/** The field of `{"var": "field"}` (a plain, non-empty name without a default), or null. */
function varName(x: unknown): string | null {
  const s = single(x);
  if (!s || s[0] !== 'var' || typeof s[1] !== 'string' || s[1] === '') return null;
  return s[1].startsWith('$') ? null : s[1];
}

const v = (field: string) => ({ var: field });

/** `{op: [{"var": f}, literal]}` */
function binary(op: string, accept: (x: unknown) => boolean = isLiteral) {
  return {
    write: (field: string, value: unknown) => ({ [op]: [v(field), value ?? null] }),
    read(expr: unknown): Read | null {
      const s = single(expr);
      if (!s || s[0] !== op || !Array.isArray(s[1]) || s[1].length !== 2) return null;
      const field = varName(s[1][0]);
      return field !== null && accept(s[1][1]) ? { field, value: s[1][1] } : null;
    },
  };
}

/** `{"!": inner}` of another shape. */
function negated(inner: { write: ConditionOperator['write']; read: ConditionOperator['read'] }) {
  return {
    write: (field: string, value: unknown) => ({ '!': inner.write(field, value) }),
    read(expr: unknown): Read | null {
      const s = single(expr);
      return s && s[0] === '!' ? inner.read(s[1]) : null;
    },
  };
}

/** `{op: {"var": f}}` */
function unary(op: string) {
  return {
    write: (field: string) => ({ [op]: v(field) }),
    read(expr: unknown): Read | null {
      const s = single(expr);
      const field = s && s[0] === op ? varName(s[1]) : null;
      return field !== null ? { field } : null;
    },
  };
}

/** Reads `{op: {"var": f}}` and its list form `{op: [{"var": f}]}` (an alias only). */
function loose(op: string): (expr: unknown) => Read | null {
  return (expr) => {
    const s = single(expr);
    if (!s || s[0] !== op) return null;
    const field = varName(Array.isArray(s[1]) && s[1].length === 1 ? s[1][0] : s[1]);
    return field !== null ? { field } : null;
  };
}

/** Kinds whose every falsy value is an empty one: `!` tests emptiness there. */
const FALSY_IS_EMPTY: FieldKind[] = ['text', 'choice', 'user', 'team', 'ref', 'date', 'datetime'];

/** `{cmp: [{since: {"var": f}}, n]}`: days / hours since a date, against a number. */
function since(cmp: string, unit: 'daysSince' | 'hoursSince') {
  return {
    write: (field: string, value: unknown) => ({ [cmp]: [{ [unit]: v(field) }, value ?? null] }),
    read(expr: unknown): Read | null {
      const s = single(expr);
      if (!s || s[0] !== cmp || !Array.isArray(s[1]) || s[1].length !== 2) return null;
      const u = single(s[1][0]);
      const field = u && u[0] === unit ? varName(u[1]) : null;
      const n = s[1][1];
      return field !== null && (typeof n === 'number' || n === null) ? { field, value: n } : null;
    },
  };
}

/** `{"==": [{"var": f}, {"var": "$user.id"}]}` and friends. */
function userRef(op: string, ref: string) {
  return {
    write: (field: string) => ({ [op]: [v(field), { var: ref }] }),
    read(expr: unknown): Read | null {
      const s = single(expr);
      if (!s || s[0] !== op || !Array.isArray(s[1]) || s[1].length !== 2) return null;
      const r = single(s[1][1]);
      const field = varName(s[1][0]);
      return field !== null && r && r[0] === 'var' && r[1] === ref ? { field } : null;
    },
  };
}

const between = {
  write: (field: string, value: unknown) => {
    const [lo, hi] = Array.isArray(value) ? value : [null, null];
    return { '<=': [lo ?? null, v(field), hi ?? null] };
  },
  read(expr: unknown): Read | null {
    const s = single(expr);
    if (!s || s[0] !== '<=' || !Array.isArray(s[1]) || s[1].length !== 3) return null;
    const [lo, f, hi] = s[1];
    const field = varName(f);
    return field !== null && isLiteral(lo) && isLiteral(hi) ? { field, value: [lo, hi] } : null;
  },
};

const isList = (x: unknown) => Array.isArray(x) && x.every(isLiteral);

/** `{"changed": "f"}`; `{"changedTo": ["f", v]}` */
const changed = {
  write: (field: string) => ({ changed: field }),
  read(expr: unknown): Read | null {
    const s = single(expr);
    return s && s[0] === 'changed' && typeof s[1] === 'string' && s[1] !== ''
      ? { field: s[1] }
      : null;
  },
};
function changedWith(op: 'changedTo' | 'changedFrom') {
  return {
    write: (field: string, value: unknown) => ({ [op]: [field, value ?? null] }),
    read(expr: unknown): Read | null {
      const s = single(expr);
      if (!s || s[0] !== op || !Array.isArray(s[1]) || s[1].length !== 2) return null;
      const [field, value] = s[1];
      return typeof field === 'string' && field !== '' && isLiteral(value)
        ? { field, value }
        : null;
    },
  };
}

/**
 * The operators, in the order the builder lists them and tries them when reading (the more
 * specific shapes first: "is me" before "is", "is yes" before "is").
 */
export const OPERATORS: readonly ConditionOperator[] = [
  { key: 'isTrue', kinds: ['boolean'], value: 'none', ...userless(binaryConst('==', true)) },
  { key: 'isFalse', kinds: ['boolean'], value: 'none', ...userless(unary('!')) },
  { key: 'isMe', kinds: ['user'], value: 'none', needs: 'user', ...userRef('==', '$user.id') },
  { key: 'notMe', kinds: ['user'], value: 'none', needs: 'user', ...userRef('!=', '$user.id') },
  {
    key: 'inMyTeams',
    kinds: ['team'],
    value: 'none',
    needs: 'user',
    ...userRef('in', '$user.teams'),
  },
  {
    key: 'eq',
    kinds: ['text', 'number', 'money', 'date', 'choice', 'user', 'team', 'ref', 'other'],
    value: 'one',
    ...binary('=='),
  },
  {
    key: 'ne',
    kinds: ['text', 'number', 'money', 'date', 'choice', 'user', 'team', 'ref', 'other'],
    value: 'one',
    ...binary('!='),
  },
  { key: 'gt', kinds: ORDERED, value: 'one', ...binary('>') },
  { key: 'gte', kinds: ORDERED, value: 'one', ...binary('>=') },
  { key: 'lt', kinds: ORDERED, value: 'one', ...binary('<') },
  { key: 'lte', kinds: ORDERED, value: 'one', ...binary('<=') },
  { key: 'between', kinds: ORDERED, value: 'range', ...between },
  { key: 'in', kinds: ['text', 'choice', 'user', 'team'], value: 'list', ...binary('in', isList) },
  {
    key: 'notIn',
    kinds: ['text', 'choice', 'user', 'team'],
    value: 'list',
    ...negated(binary('in', isList)),
  },
  { key: 'contains', kinds: [...TEXTUAL, 'multi'], value: 'one', ...binary('contains') },
  {
    key: 'notContains',
    kinds: [...TEXTUAL, 'multi'],
    value: 'one',
    ...negated(binary('contains')),
  },
  { key: 'startsWith', kinds: TEXTUAL, value: 'one', ...binary('startsWith') },
  {
    key: 'withinDays',
    kinds: ['date', 'datetime'],
    value: 'count',
    ...since('<=', 'daysSince'),
  },
  {
    key: 'olderThanDays',
    kinds: ['date', 'datetime'],
    value: 'count',
    ...since('>', 'daysSince'),
  },
  { key: 'olderThanHours', kinds: ['datetime'], value: 'count', ...since('>', 'hoursSince') },
  {
    key: 'empty',
    kinds: EVERY,
    value: 'none',
    ...unary('isEmpty'),
    aliases: [
      { kinds: EVERY, read: loose('isEmpty') },
      { kinds: FALSY_IS_EMPTY, read: loose('!') },
    ],
  },
  {
    key: 'notEmpty',
    kinds: EVERY,
    value: 'none',
    ...negated(unary('isEmpty')),
    aliases: [{ kinds: FALSY_IS_EMPTY, read: loose('!!') }],
  },
  { key: 'changed', kinds: EVERY, value: 'none', needs: 'previous', ...changed },
  {
    key: 'changedTo',
    kinds: EVERY.filter((k) => k !== 'multi'),
    value: 'one',
    needs: 'previous',
    ...changedWith('changedTo'),
  },
  {
    key: 'changedFrom',
    kinds: EVERY.filter((k) => k !== 'multi'),
    value: 'one',
    needs: 'previous',
    ...changedWith('changedFrom'),
  },
];

/** `{op: [{"var": f}, constant]}` */
function binaryConst(op: string, constant: unknown) {
  return binary(op, (x) => x === constant);
}

/** Drops the value from an operator that takes none (the UI passes none). */
function userless(o: { write: ConditionOperator['write']; read: ConditionOperator['read'] }) {
  return {
    write: (field: string) =>
      o.write(field, true) as unknown as ReturnType<ConditionOperator['write']>,
    read(expr: unknown): Read | null {
      const r = o.read(expr);
      return r ? { field: r.field } : null;
    },
  };
}

const byKey = new Map(OPERATORS.map((o) => [o.key, o]));

/** The operator with this key, or undefined. */
export function operatorOf(key: string): ConditionOperator | undefined {
  return byKey.get(key);
}

/** Operators offered for a field kind in a scope, in display order. */
export function operatorsFor(
  kind: FieldKind,
  scope: { user?: boolean; previous?: boolean } = {},
): ConditionOperator[] {
  return OPERATORS.filter(
    (o) =>
      o.kinds.includes(kind) &&
      (o.needs === undefined || (o.needs === 'user' ? scope.user : scope.previous)),
  );
}
