import type { RoleSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr, requireEntity, requireField } from '../context';

/** Roles (entity permissions, field access, workbench) and the team tree. */
export function checkRoles(ctx: Ctx): void {
  (ctx.spec.roles ?? []).forEach((role, i) => {
    const base = ptr('/roles', i);
    checkPermissions(ctx, role, base);
    for (const [entity, fields] of Object.entries(role.fields ?? {})) {
      if (!requireEntity(ctx, entity, ptr(base, 'fields', entity))) continue;
      for (const key of Object.keys(fields))
        requireField(ctx, entity, key, ptr(base, 'fields', entity, key));
    }
    (role.workbench ?? []).forEach((item, k) => {
      const at = ptr(base, 'workbench', k);
      if (item.type === 'view' && !ctx.views.has(item.ref))
        ctx.report(ptr(at, 'ref'), 'ref.unknownView', { key: item.ref });
      if (item.type === 'dashboard' && !ctx.dashboards.has(item.ref))
        ctx.report(ptr(at, 'ref'), 'ref.unknownDashboard', { key: item.ref });
      if (item.type === 'form' && !ctx.forms.has(item.ref))
        ctx.report(ptr(at, 'ref'), 'ref.unknownForm', { key: item.ref });
      if (item.type === 'records') requireEntity(ctx, item.entity, ptr(at, 'entity'));
      if (
        item.type === 'pool' &&
        requireEntity(ctx, item.entity, ptr(at, 'entity')) &&
        ctx.entities.get(item.entity)?.pool !== true
      ) {
        ctx.report(ptr(at, 'entity'), 'pool.disabled', {
          entity: item.entity,
          action: 'workbench',
        });
      }
    });
  });
  checkTeams(ctx);
}

function checkPermissions(ctx: Ctx, role: RoleSpec, base: string): void {
  for (const [entity, perm] of Object.entries(role.entities)) {
    const at = ptr(base, 'entities', entity);
    if (!requireEntity(ctx, entity, at)) continue;
    const spec = ctx.entities.get(entity);
    for (const action of ['read', 'update', 'delete'] as const) {
      const scope = perm[action];
      if (scope === undefined) continue;
      if (spec?.owned === false && scope !== 'none' && scope !== 'all')
        ctx.report(ptr(at, action), 'scope.needsOwned', { entity, scope });
      else if (scope.endsWith('+pool') && spec?.pool !== true)
        ctx.report(ptr(at, action), 'scope.needsPool', { entity, scope });
    }
  }
}

function checkTeams(ctx: Ctx): void {
  const teams = ctx.spec.teams ?? [];
  const parent = new Map(teams.map((t) => [t.key, t.parent]));
  const reported = new Set<string>();
  teams.forEach((team, i) => {
    if (team.parent === undefined) return;
    if (!ctx.teams.has(team.parent)) {
      ctx.report(ptr('/teams', i, 'parent'), 'ref.unknownTeam', { key: team.parent });
      return;
    }
    const chain = [team.key];
    let at: string | undefined = team.parent;
    while (at !== undefined && !chain.includes(at) && chain.length <= teams.length) {
      chain.push(at);
      at = parent.get(at);
    }
    if (at === team.key) {
      const sig = [...chain].sort().join(',');
      if (!reported.has(sig)) {
        reported.add(sig);
        ctx.report(ptr('/teams', i, 'parent'), 'team.cycle', {
          cycle: [...chain, team.key].join(' -> '),
        });
      }
    }
  });
}
