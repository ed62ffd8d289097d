import { fieldResolver, type FormulaField } from './formula-fields';
import { FORMULA_FUNCTIONS } from './formula-functions';
import { parseFormula } from './formula-parse';

class Unprintable extends Error {}
const unprintable = (): never => {
  throw new Unprintable();
};

// How tightly each operator binds (jsep's order: or < and < equality < comparison < + - < * / %).
const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  '==': 6,
  '!=': 6,
  '===': 6,
  '!==': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const CHAINED = new Set(['+', '*', 'and', 'or']);
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
};

type Op = { op: string; args: unknown[] };
function asOp(x: unknown): Op | undefined {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const keys = Object.keys(x);
  if (keys.length !== 1) return unprintable();
  const op = keys[0]!;
  const args = (x as Record<string, unknown>)[op];
  if (op === 'var') return { op, args: [args] };
  return Array.isArray(args) ? { op, args } : unprintable();
}

/**
 * The same logic with every operator's arguments as a list: JSONLogic lets one argument stand
 * alone (`{"!": {"var": "a"}}` is `{"!": [{"var": "a"}]}`); the text always reads back the list.
 */
export function longForm(logic: unknown): unknown {
  if (Array.isArray(logic)) return logic.map(longForm);
  if (logic === null || typeof logic !== 'object') return logic;
  const entries = Object.entries(logic);
  if (entries.length !== 1) return logic;
  const [op, args] = entries[0]!;
  if (op === 'var') return logic;
  return { [op]: Array.isArray(args) ? args.map(longForm) : [longForm(args)] };
}

/**
 * Writes JSONLogic as formula text (the inverse of parseFormula), or null when the text would not
 * read back as exactly the same logic (in its long form) — such an expression stays JSON, untouched.
 */
export function printFormula(logic: unknown, fields: readonly FormulaField[]): string | null {
  const { nameOf } = fieldResolver(fields);

  const binds = (x: unknown): number => {
    const o = asOp(x);
    if (!o) return Infinity;
    if (o.op === '-' && o.args.length === 1) return Infinity;
    if (o.op === '+' && o.args.length === 1) return Infinity;
    return PRECEDENCE[o.op] ?? Infinity;
  };
  const operand = (x: unknown, parent: string, right: boolean): string => {
    const text = print(x);
    const own = binds(x);
    const mine = PRECEDENCE[parent]!;
    const sameChain = CHAINED.has(parent) && asOp(x)?.op === parent && binds(x) === mine;
    return own < mine || (own === mine && right) || sameChain ? `(${text})` : text;
  };
  const print = (x: unknown): string => {
    if (x === null || typeof x === 'boolean') return String(x);
    if (typeof x === 'number') return Number.isFinite(x) ? String(x) : unprintable();
    if (typeof x === 'string') return `"${x.replace(/[\\"\n\r\t\b\f\v]/g, (c) => ESCAPES[c]!)}"`;
    if (Array.isArray(x)) return `[${x.map(print).join(', ')}]`;
    const { op, args } = asOp(x)!;
    if (op === 'var') {
      const name = typeof args[0] === 'string' ? nameOf(args[0]) : undefined;
      return name === undefined ? unprintable() : `[${name}]`;
    }
    if (op === '!' && args.length === 1) return `not(${print(args[0])})`;
    if ((op === '-' || op === '+') && args.length === 1) {
      const arg = args[0];
      const bare = asOp(arg) && binds(arg) === Infinity && !['-', '+'].includes(asOp(arg)!.op);
      return `${op}${bare ? print(arg) : `(${print(arg)})`}`;
    }
    if (PRECEDENCE[op] !== undefined) {
      const chained = CHAINED.has(op) && args.length >= 2;
      if (!chained && args.length !== 2) return unprintable();
      const sign = ` ${op} `;
      return args.map((a, i) => operand(a, op, i > 0)).join(sign);
    }
    if (FORMULA_FUNCTIONS.has(op)) return `${op}(${args.map(print).join(', ')})`;
    return unprintable();
  };

  try {
    const long = longForm(logic);
    const text = print(long);
    const back = parseFormula(text, fields);
    // Only multi-key objects could differ by key order, and those are never printed.
    return back.ok && JSON.stringify(back.logic) === JSON.stringify(long) ? text : null;
  } catch (e) {
    if (e instanceof Unprintable) return null;
    throw e;
  }
}
