import { LogicError } from './errors';
import type { Compiled, Scope } from './scope';
import { readVar } from './scope';
import { truthy } from './truthy';
import type { LogicLimits } from './types';

const isNil = (v: unknown) => v === null || v === undefined;

/** `var`: a missing or null value yields the default (or null). */
export function compileVar(args: Compiled[], literalPath: unknown, hasLiteral: boolean): Compiled {
  const [pathFn, defFn] = args;
  if (hasLiteral) {
    if (!defFn) return (s) => readVar(s, literalPath) ?? null;
    return (s) => {
      const v = readVar(s, literalPath);
      return isNil(v) ? defFn(s) : v;
    };
  }
  return (s) => {
    const v = readVar(s, pathFn ? pathFn(s) : undefined);
    return isNil(v) ? (defFn ? defFn(s) : null) : v;
  };
}

/** `missing`: keys whose value is null, missing or ''. */
function missingKeys(s: Scope, args: unknown[]): unknown[] {
  const keys = Array.isArray(args[0]) ? args[0] : args;
  const out: unknown[] = [];
  for (const key of keys) {
    const v = readVar(s, key);
    if (isNil(v) || v === '') out.push(key);
  }
  return out;
}

export function compileMissing(args: Compiled[]): Compiled {
  return (s) =>
    missingKeys(
      s,
      args.map((f) => f(s)),
    );
}

export function compileMissingSome(args: Compiled[]): Compiled {
  const [needFn, optsFn] = args;
  return (s) => {
    const need = needFn ? needFn(s) : 0;
    const options = optsFn ? optsFn(s) : [];
    if (!Array.isArray(options)) return [];
    const missing = missingKeys(s, [options]);
    return options.length - missing.length >= (need as number) ? [] : missing;
  };
}

export function compileIf(args: Compiled[]): Compiled {
  return (s) => {
    let i = 0;
    for (; i < args.length - 1; i += 2) {
      if (truthy((args[i] as Compiled)(s))) return (args[i + 1] as Compiled)(s);
    }
    return i === args.length - 1 ? (args[i] as Compiled)(s) : null;
  };
}

export function compileAnd(args: Compiled[]): Compiled {
  return (s) => {
    let current: unknown;
    for (const f of args) {
      current = f(s);
      if (!truthy(current)) return current;
    }
    return current;
  };
}

export function compileOr(args: Compiled[]): Compiled {
  return (s) => {
    let current: unknown;
    for (const f of args) {
      current = f(s);
      if (truthy(current)) return current;
    }
    return current;
  };
}

type LoopKind = 'map' | 'filter' | 'reduce' | 'all' | 'none' | 'some';

/** Evaluates the loop input and enforces the array-length and iteration limits. */
function loopInput(s: Scope, fn: Compiled | undefined, limits: LogicLimits): unknown[] | null {
  const input = fn ? fn(s) : null;
  if (!Array.isArray(input)) return null;
  if (input.length > limits.maxArrayLength)
    throw new LogicError('logic.arrayTooLong', { max: limits.maxArrayLength });
  s.budget.left -= input.length;
  if (s.budget.left < 0)
    throw new LogicError('logic.tooManyIterations', { max: limits.maxIterations });
  return input;
}

const itemScope = (s: Scope, data: unknown): Scope => ({
  data,
  record: s.record,
  ctx: s.ctx,
  now: s.now,
  budget: s.budget,
});

/** The array operators: the second argument runs with each item as its data. */
export function compileLoop(kind: LoopKind, args: Compiled[], limits: LogicLimits): Compiled {
  const [inputFn, bodyFn = () => null, initFn] = args;
  switch (kind) {
    case 'map':
      return (s) => loopInput(s, inputFn, limits)?.map((item) => bodyFn(itemScope(s, item))) ?? [];
    case 'filter':
      return (s) =>
        loopInput(s, inputFn, limits)?.filter((item) => truthy(bodyFn(itemScope(s, item)))) ?? [];
    case 'reduce':
      return (s) => {
        const input = loopInput(s, inputFn, limits);
        const initial = initFn ? initFn(s) : null;
        if (!input) return initial;
        return input.reduce(
          (accumulator, current) => bodyFn(itemScope(s, { current, accumulator })),
          initial,
        );
      };
    case 'all':
      return (s) => {
        const input = loopInput(s, inputFn, limits);
        return (
          !!input && input.length > 0 && input.every((item) => truthy(bodyFn(itemScope(s, item))))
        );
      };
    case 'some':
      return (s) => {
        const input = loopInput(s, inputFn, limits);
        return !!input && input.some((item) => truthy(bodyFn(itemScope(s, item))));
      };
    case 'none':
      return (s) => {
        const input = loopInput(s, inputFn, limits);
        return !input || !input.some((item) => truthy(bodyFn(itemScope(s, item))));
      };
  }
}

export const loopOperators: ReadonlySet<string> = new Set<LoopKind>([
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
]);
