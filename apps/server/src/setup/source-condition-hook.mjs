// Module hook for the automation thread when running from source: resolve workspace packages
// to their TypeScript source, as `--conditions=@trellis/source` does for the main thread.
export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@trellis/source')
    ? context.conditions
    : ['@trellis/source', ...context.conditions];
  return next(specifier, { ...context, conditions });
}
