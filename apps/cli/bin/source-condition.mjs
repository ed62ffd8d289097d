// Module resolve hook: adds the @trellis/source condition, like `node --conditions=@trellis/source`.
const CONDITION = '@trellis/source';

export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes(CONDITION)
    ? context.conditions
    : [CONDITION, ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}
