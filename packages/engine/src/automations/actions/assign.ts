import { actionConfigSchemas } from '@trellis/spec';
import { decideOwner, type AssignConfig } from '../../assignment';
import { truthy } from '../condition';
import { configError } from '../config';
import { am } from '../messages';
import { defineAction, fail, fromWrite, needRecord } from './define';

/**
 * assign {strategy, team?, user?, rules?, fallback?, weights?, caps?, skipInactive?}: picks an
 * owner (assignment/), persists the strategy cursor in the same transaction and stores the
 * "why this owner" trace in the run log and, as the reason, in the record's history.
 */
export const assign = defineAction({
  type: 'assign',
  configSchema: actionConfigSchemas.assign,
  check: (c, locale) => {
    const s = c.strategy as string;
    if ((s === 'roundRobin' || s === 'leastLoaded') && !c.team)
      return [configError(locale, '/team', 'assign.needsTeam', 'assignNeedsTeam', { strategy: s })];
    if (s === 'user' && !c.user)
      return [configError(locale, '/user', 'assign.needsUser', 'assignNeedsUser')];
    if (s === 'rules' && !Array.isArray(c.rules))
      return [configError(locale, '/rules', 'assign.needsRules', 'assignNeedsRules')];
    const errs = [];
    const targets = [
      ...((c.rules as { team?: string; user?: string }[] | undefined) ?? []).map((r, i) => ({
        r,
        p: `/rules/${i}`,
      })),
      ...(c.fallback
        ? [{ r: c.fallback as { team?: string; user?: string }, p: '/fallback' }]
        : []),
    ];
    for (const { r, p } of targets)
      if (Boolean(r.team) === Boolean(r.user))
        errs.push(configError(locale, p, 'assign.targetNeedsOne', 'targetNeedsOne'));
    return errs;
  },
  run: async (input, ctx) => {
    const target = needRecord(input, ctx);
    if (!('id' in target)) return target;
    const record = await ctx.records.get(target.entity, target.id);
    if (!record) return fail('action.recordGone', am(ctx.locale, 'recordGone', { id: target.id }));
    const cfg = input.config as unknown as AssignConfig;
    const decision = await decideOwner(cfg, {
      teamMembers: (t) => ctx.directory.teamMembers(t),
      user: (ref) => ctx.directory.user(ref),
      loads: (ids) => ctx.directory.openLoads(target.entity, ids),
      state: (k) => ctx.db.assignment.getState(k),
      matches: (expr) => {
        const r = ctx.evaluate(expr, record, input.subject.previous);
        return r.ok && truthy(r.value);
      },
    });
    const why = decision.trace.summary[ctx.locale];
    if (decision.userId === null)
      return {
        ...fail('assign.noOwner', am(ctx.locale, 'noOwnerChosen', { why })),
        errors: [
          {
            path: '',
            code: decision.trace.reason,
            message: why,
            params: { trace: decision.trace },
          },
        ],
      };
    for (const s of decision.states) await ctx.db.assignment.putState(s.key, s.state, ctx.now());
    const teamId = decision.trace.team ?? null;
    const w = await ctx.records.setOwner(target.entity, target.id, decision.userId, {
      ...(teamId ? { teamId } : {}),
      reason: why,
      kind: 'assign',
    });
    if (!w.ok) return fromWrite(w, ctx.locale);
    return {
      ok: true,
      summary: why,
      data: { ownerId: decision.userId, teamId, trace: decision.trace },
    };
  },
});
