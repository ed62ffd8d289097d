import { truthy } from '../truthy';
import type { OperatorFn } from '../types';

const isNil = (v: unknown) => v === null || v === undefined;

/**
 * Ordering comparison with our null rule: if any operand is null or missing the result is
 * false (plain JavaScript would say `null < 1` is true because null becomes 0).
 */
function ordered(test: (a: never, b: never) => boolean): OperatorFn {
  return (args) => {
    const [a, b, c] = args;
    if (isNil(a) || isNil(b)) return false;
    if (args.length < 3) return test(a as never, b as never);
    if (isNil(c)) return false;
    return test(a as never, b as never) && test(b as never, c as never);
  };
}

/**
 * The standard JSONLogic operators that take evaluated arguments. Special forms (var, if,
 * and, or, missing, the loops) are compiled in compile.ts. `log` and `method` are left out
 * on purpose: one writes to the console, the other calls arbitrary methods on data.
 */
export const standardOperators: Record<string, OperatorFn> = {
  // Loose equality stays JavaScript's (as in JSONLogic): null == null, 1 == "1", 0 == false.
  '==': ([a, b]) => a == b,
  '===': ([a, b]) => a === b,
  '!=': ([a, b]) => a != b,
  '!==': ([a, b]) => a !== b,
  '>': ordered((a, b) => a > b),
  '>=': ordered((a, b) => a >= b),
  '<': ordered((a, b) => a < b),
  '<=': ordered((a, b) => a <= b),
  '!!': ([a]) => truthy(a),
  '!': ([a]) => !truthy(a),
  '%': ([a, b]) => (a as number) % (b as number),
  in: ([a, b]) => {
    if (typeof b === 'string') return b.length > 0 && b.indexOf(a as string) !== -1;
    if (Array.isArray(b)) return b.indexOf(a) !== -1;
    return false;
  },
  cat: (args) => args.join(''),
  substr: ([source, start, end]) => {
    const s = String(source);
    if (typeof end === 'number' && end < 0) {
      const temp = s.substr(start as number);
      return temp.substr(0, temp.length + end);
    }
    return s.substr(start as number, end as number);
  },
  '+': (args) => args.reduce<number>((a, b) => parseFloat(a as never) + parseFloat(b as never), 0),
  '*': (args) =>
    args.length === 0
      ? null
      : args.reduce((a, b) => parseFloat(a as never) * parseFloat(b as never)),
  '-': ([a, b]) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  '/': ([a, b]) => (a as number) / (b as number),
  min: (args) => Math.min(...(args as number[])),
  max: (args) => Math.max(...(args as number[])),
  merge: (args) => args.reduce<unknown[]>((acc, b) => acc.concat(b), []),
};
