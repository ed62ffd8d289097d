import type { Draft } from 'immer';
import type { AppSpec } from '@trellis/spec';
import { itemIn } from './find';

type Targets = { team?: string; rules?: { team?: string }[]; fallback?: { team?: string } };

/**
 * Renames a team that is not yet published, with the places that name it by key: sub-teams'
 * parent, and the assign actions' team, rules and fallback (a team is named nowhere else).
 */
export function renameTeam(spec: Draft<AppSpec>, from: string, to: string): void {
  if (from === to) return;
  itemIn(spec.teams, from).key = to;
  for (const team of spec.teams ?? []) if (team.parent === from) team.parent = to;
  for (const automation of spec.automations ?? [])
    for (const action of automation.do) {
      if (action.type !== 'assign') continue;
      const a = action as Draft<Targets>;
      if (a.team === from) a.team = to;
      if (a.fallback?.team === from) a.fallback.team = to;
      for (const rule of a.rules ?? []) if (rule.team === from) rule.team = to;
    }
}
