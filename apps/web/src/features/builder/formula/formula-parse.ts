import { fieldResolver, type FormulaField } from './formula-fields';
import { FORMULA_FUNCTIONS } from './formula-functions';
import { parseTree, type FieldRefNode, type FormulaNode } from './formula-grammar';

/** Why a formula's text could not be read: a code the builder's strings name (`formula.errors.<code>`). */
type FormulaError = { code: string; params: Record<string, string | number> };

export type ParseResult = { ok: true; logic: unknown } | { ok: false; error: FormulaError };

class Refused extends Error {
  constructor(readonly error: FormulaError) {
    super(error.code);
  }
}
const refuse = (code: string, params: Record<string, string | number> = {}): never => {
  throw new Refused({ code, params });
};

// Sign or word in the text -> JSONLogic operator.
const BINARY: Record<string, string> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  '==': '==',
  '=': '==',
  '!=': '!=',
  '===': '===',
  '!==': '!==',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  and: 'and',
  '&&': 'and',
  or: 'or',
  '||': 'or',
};
// Chains of these read as one operator with many arguments: `a + b + c` is {"+": [a, b, c]}.
const CHAINED = new Set(['+', '*', 'and', 'or']);

/** jsep's sentences -> our codes (jsep words its errors in English only). */
function syntaxError(e: unknown): FormulaError {
  const d = String((e as { description?: string }).description ?? '');
  const at = Number((e as { index?: number }).index ?? 0) + 1;
  const m = (re: RegExp) => re.exec(d);
  if (m(/^Unclosed \(|^Expected \)/)) return { code: 'unclosedParen', params: { at } };
  if (m(/^Unclosed \[|^Expected \]/)) return { code: 'unclosedBracket', params: { at } };
  if (m(/^Unclosed quote/)) return { code: 'unclosedQuote', params: { at } };
  const after = m(/^Expected expression after (.+)$/);
  if (after) return { code: 'missingOperand', params: { at, op: after[1]! } };
  if (m(/^Expected expression|^missing unaryOp/)) return { code: 'expectedValue', params: { at } };
  if (m(/^Expected comma/)) return { code: 'expectedComma', params: { at } };
  // jsep reads a `.` after a value as the start of a number (`[a].b`: "cannot start with a number").
  const unexpected =
    m(/^Unexpected (?:token )?"?(.)"?$/) ??
    m(/^Unexpected (period)|^Variable names cannot start with a number \((.)/);
  if (unexpected && !unexpected[1]) unexpected[1] = unexpected[2] ?? '.';
  if (unexpected?.[1] === 'period') unexpected[1] = '.';
  if (unexpected?.[1] === ')' || unexpected?.[1] === ']')
    return { code: 'extraClose', params: { at, char: unexpected[1] } };
  if (unexpected) return { code: 'unexpected', params: { at, char: unexpected[1]! } };
  return { code: 'cannotRead', params: { at } };
}

/**
 * Reads a formula typed like a spreadsheet's — `[课程价格] * 0.9`, `if([预算] > 5000, "A", "B")` —
 * into JSONLogic. Fields are named by label (any language of the spec) or key, in brackets.
 */
export function parseFormula(text: string, fields: readonly FormulaField[]): ParseResult {
  const { keyOf } = fieldResolver(fields);
  let tree: FormulaNode;
  try {
    tree = parseTree(text, (name) => keyOf(name) !== undefined);
  } catch (e) {
    return { ok: false, error: syntaxError(e) };
  }
  const field = (name: string) => ({ var: keyOf(name) ?? refuse('unknownField', { name }) });

  const toLogic = (n: FormulaNode): unknown => {
    switch (n.type) {
      case 'Literal':
        if (n.value instanceof RegExp) return refuse('unsupported', { what: String(n.raw) });
        return n.value;
      case 'FieldRef':
        return field((n as unknown as FieldRefNode).name);
      case 'Identifier':
        return field(String(n.name));
      case 'ArrayExpression':
        return (n.elements as (FormulaNode | null)[]).map((e) =>
          e ? toLogic(e) : refuse('expectedValue', { at: '' }),
        );
      case 'UnaryExpression': {
        const arg = n.argument as FormulaNode;
        const op = String(n.operator);
        // `-5` is the number; `-(5)` and `-[价格]` negate.
        if (op === '-' && arg.type === 'Literal' && typeof arg.value === 'number' && !arg.grouped)
          return -arg.value;
        if (op === '-' || op === '+') return { [op]: [toLogic(arg)] };
        return { '!': [toLogic(arg)] };
      }
      case 'BinaryExpression': {
        const op =
          BINARY[String(n.operator)] ?? refuse('unsupported', { what: String(n.operator) });
        const left = n.left as FormulaNode;
        const right = toLogic(n.right as FormulaNode);
        if (CHAINED.has(op) && left.type === 'BinaryExpression' && !left.grouped) {
          const inner = toLogic(left) as Record<string, unknown[]>;
          if (inner[op]) return { [op]: [...inner[op], right] };
        }
        return { [op]: [toLogic(left), right] };
      }
      case 'ConditionalExpression':
        return {
          if: [n.test, n.consequent, n.alternate].map((x) => toLogic(x as FormulaNode)),
        };
      case 'CallExpression': {
        const callee = n.callee as FormulaNode;
        const name = callee.type === 'Identifier' ? String(callee.name) : '';
        if (!FORMULA_FUNCTIONS.has(name)) refuse('unknownFunction', { name: name || '?' });
        return { [name]: (n.arguments as FormulaNode[]).map(toLogic) };
      }
      case 'Compound':
        return refuse('missingOperator');
      default:
        return refuse('unsupported', { what: n.type });
    }
  };
  try {
    return { ok: true, logic: toLogic(tree) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.error };
    throw e;
  }
}
