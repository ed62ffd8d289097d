import type { Actor, AutomationsApi, Engine } from '@trellis/engine';
import { resolveValue } from './demo-values';

/**
 * What happens in the demo "just now", after its past is loaded: records arriving and
 * activities logged through the engine's own write path, so their events queue and the real
 * automation runner acts on them. A fresh demo's run log then shows automations that ran, were
 * skipped (with the condition that did not hold) and failed (with the reason), as a workspace in
 * use does. Format: templates/education/README.md#demo-data.
 */
export type RecentStep =
  | {
      do: 'create';
      entity: string;
      /** A name later steps use for the record (as the recipe's `ref`s). */
      ref?: string;
      values: Record<string, unknown>;
      /** A login: a person typed it in; absent: it came in through a public form. */
      by?: string;
      touch?: { sourceKey?: string; utm_source?: string; utm_medium?: string };
    }
  | { do: 'log'; entity: string; ref: string; type: string; by: string; body?: string };

/** A demo user as the engine acts for them. */
export type RecentUser = { id: string; role: string; teams: string[]; locale: string };

/**
 * Plays the steps in order, then lets the automations handle every event they queued (and the
 * events those runs caused). A step the engine refuses is reported, not thrown: the demo's data
 * stays usable.
 */
export async function playRecent(
  live: { engine: Engine; automations: AutomationsApi },
  steps: readonly RecentStep[],
  who: { user(login: string): RecentUser | null; refs: Map<string, string>; now: number },
  failures: { ref: string; reason: string }[],
): Promise<number> {
  const { engine } = live;
  let done = 0;
  for (const [i, step] of steps.entries()) {
    const name = 'ref' in step && step.ref ? step.ref : `recent-${i + 1}`;
    const user = step.by ? who.user(step.by) : null;
    if (step.by && !user) {
      failures.push({ ref: name, reason: `unknown user ${step.by}` });
      continue;
    }
    const actor: Actor = user
      ? {
          kind: 'user',
          userId: user.id,
          role: user.role,
          teams: user.teams,
          locale: user.locale === 'en' ? 'en' : 'zh-CN',
        }
      : { kind: 'public' };
    const locale = actor.locale ?? 'zh-CN';
    if (step.do === 'create') {
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(step.values))
        values[k] = resolveValue(v, who.now, who.refs);
      const t = step.touch;
      const r = await engine.records.create(step.entity, values, {
        actor,
        locale,
        via: user ? 'ui' : 'intake',
        ...(user ? {} : { mode: 'merge' as const }),
        ...(t
          ? {
              touch: {
                kind: 'form',
                ...(t.sourceKey ? { sourceKey: t.sourceKey } : {}),
                ...(t.utm_source ? { utmSource: t.utm_source } : {}),
                ...(t.utm_medium ? { utmMedium: t.utm_medium } : {}),
              },
            }
          : {}),
      });
      if (r.ok) {
        if (step.ref) who.refs.set(step.ref, r.record.id);
        done++;
      } else failures.push({ ref: name, reason: r.error.message });
    } else {
      const id = who.refs.get(step.ref);
      if (!id) {
        failures.push({ ref: name, reason: `no record ${step.ref}` });
        continue;
      }
      const r = await engine.activities.log(
        step.entity,
        id,
        { type: step.type, ...(step.body ? { body: step.body } : {}) },
        { actor, locale, via: 'ui' },
      );
      if (r.ok) done++;
      else failures.push({ ref: name, reason: r.error.message });
    }
  }
  await live.automations.drain();
  return done;
}
