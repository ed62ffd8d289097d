import { analyse } from '@trellis/logic';
import type { EntitySpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr } from '../context';

/** Formula fields may read other formulas, but never in a cycle (a -> b -> a, or a -> a). */
export function checkFormulaCycles(ctx: Ctx, entity: EntitySpec, base: string): void {
  const formulas = new Map<string, { index: number; reads: string[] }>();
  entity.fields.forEach((f, index) => {
    if (f.type !== 'formula' || formulas.has(f.key)) return;
    let reads: string[] = [];
    try {
      reads = analyse(f.expression).fields;
    } catch {
      // Malformed expressions are reported by checkLogic; they add no edges here.
    }
    formulas.set(f.key, { index, reads });
  });
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (key: string, stack: string[]): void => {
    const node = formulas.get(key);
    if (!node || state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(key)), key];
      const sig = [...new Set(cycle)].sort().join(',');
      if (!reported.has(sig)) {
        reported.add(sig);
        ctx.report(ptr(base, 'fields', node.index, 'expression'), 'formula.cycle', {
          cycle: cycle.join(' -> '),
        });
      }
      return;
    }
    state.set(key, 'visiting');
    for (const next of node.reads) visit(next, [...stack, key]);
    state.set(key, 'done');
  };
  for (const key of formulas.keys()) visit(key, []);
}
