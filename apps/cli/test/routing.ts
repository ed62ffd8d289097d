import { evaluate } from '@trellis/logic';
import type { AppSpec } from '@trellis/spec';

/**
 * Which team the template's `record.created` assignment rules give a new lead, by evaluating
 * their real conditions with @trellis/logic. Null when no rule assigns it.
 * (A test helper: the engine's assignment is tested in packages/engine.)
 */
export function routeLead(spec: AppSpec, lead: Record<string, unknown>): string | null {
  for (const automation of spec.automations ?? []) {
    if (automation.on.type !== 'record.created' || automation.on.entity !== 'lead') continue;
    if (automation.if !== undefined && evaluate(automation.if, lead) !== true) continue;
    for (const action of automation.do) {
      if (action.type !== 'assign') continue;
      const config = action as {
        team?: string;
        rules?: { if: unknown; team?: string }[];
        fallback?: { team?: string };
      };
      const rule = config.rules?.find((r) => evaluate(r.if, lead) === true);
      return rule?.team ?? config.team ?? config.fallback?.team ?? null;
    }
  }
  return null;
}
