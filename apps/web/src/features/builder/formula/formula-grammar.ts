import jsep from 'jsep';

/** A jsep node, plus the two marks the formula grammar adds. */
export type FormulaNode = jsep.Expression & {
  /** Written inside parentheses: `(a + b) + c` keeps its inner sum apart. */
  grouped?: true;
};

/** `[课程价格]`: a field named by its label (or key), resolved after parsing. */
export type FieldRefNode = { type: 'FieldRef'; name: string };

// Spreadsheet words and signs beside jsep's own: and / or / not, and `=` for equality.
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('=', 6);
jsep.addUnaryOp('not');
// Operators the runtime has no meaning for are refused by the parser, not turned into logic.
for (const op of ['|', '^', '&', '<<', '>>', '>>>', '??']) jsep.removeBinaryOp(op);
jsep.removeUnaryOp('~');

/** Decides whether `[text]` names a field; set for the length of one parse. */
let namesField: (text: string) => boolean = () => false;

// What follows `[` and reads as a list, not a field: a quote, a digit, a sign, a list, or nothing.
const LIST_START = /^\s*(["'0-9.\-[\]]|$)/;

jsep.hooks.add('gobble-token', function gobbleFieldOrGroup(env) {
  // jsep runs hooks with its parser as `context` (its types leave it out).
  const p = (env as unknown as { context: unknown }).context as {
    expr: string;
    index: number;
    code: number;
    gobbleGroup(): jsep.Expression | false;
    throwError(message: string): never;
  };
  if (p.code === 40 /* ( */) {
    const start = p.index;
    const node = p.gobbleGroup();
    if (!node) {
      p.index = start + 1;
      p.throwError('Expected expression');
    }
    env.node = { ...node, grouped: true } as FormulaNode;
    return;
  }
  if (p.code !== 91 /* [ */) return;
  const close = p.expr.indexOf(']', p.index + 1);
  if (close < 0) return; // jsep reports the unclosed bracket
  const text = p.expr.slice(p.index + 1, close);
  if (!namesField(text.trim()) && (LIST_START.test(text) || text.includes(','))) return;
  p.index = close + 1;
  env.node = { type: 'FieldRef', name: text.trim() } as unknown as jsep.Expression;
});

/** Parses formula text into jsep's tree; throws jsep's error (with `description` and `index`). */
export function parseTree(text: string, isField: (name: string) => boolean): FormulaNode {
  namesField = isField;
  try {
    return jsep(text) as FormulaNode;
  } finally {
    namesField = () => false;
  }
}
