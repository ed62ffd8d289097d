import type { Ctx } from '../context';
import { ptr } from '../context';
import { checkLogic } from '../logic';
import { checkAction } from './actions';
import { checkRecursion } from './recursion';
import { checkTrigger, triggerEntity, triggerHasPrevious } from './triggers';

/** Automations: trigger references, condition, each action, and re-trigger loops. */
export function checkAutomations(ctx: Ctx): void {
  (ctx.spec.automations ?? []).forEach((automation, i) => {
    const base = ptr('/automations', i);
    checkTrigger(ctx, automation.on, ptr(base, 'on'));
    const entity = triggerEntity(ctx, automation.on);
    const known = entity === null ? automation.on.type === 'schedule' : ctx.entities.has(entity);
    const changes = triggerHasPrevious(automation.on);
    if (known) checkLogic(ctx, automation.if, ptr(base, 'if'), entity, { changes });
    automation.do.forEach((action, j) => {
      if (known) checkAction(ctx, action, ptr(base, 'do', j), entity, automation.on, changes);
    });
  });
  checkRecursion(ctx);
}
