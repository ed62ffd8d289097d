import type { AppSpec, DashboardSpec } from '@trellis/spec';
import { standingOf } from '../permissions/roles';
import type { Capability } from '../permissions/types';
import type { Actor } from '../ports';

/**
 * Whether `actor` may open dashboard `d` (docs/reports.md "Who sees which dashboard"): admin and
 * system actors always; a role whose workbench shows it; else the roles the dashboard names, or
 * — when it names none — every role with the viewReports capability. What the numbers count is
 * still narrowed by record permissions.
 */
export function mayViewDashboard(
  spec: AppSpec,
  actor: Actor,
  d: DashboardSpec,
  hasCapability: (actor: Actor, capability: Capability) => boolean,
): boolean {
  if (standingOf(actor) === 'superuser') return true;
  if (!actor.role || actor.kind === 'public') return false;
  return named(d, actor, spec) || (!d.roles && hasCapability(actor, 'viewReports'));
}

/** The dashboard names the actor's role, or the role's workbench shows it. */
function named(d: DashboardSpec, actor: Actor, spec: AppSpec): boolean {
  if (!actor.role) return false;
  if (d.roles?.includes(actor.role)) return true;
  const role = spec.roles?.find((r) => r.key === actor.role);
  return !!role?.workbench?.some((i) => i.type === 'dashboard' && i.ref === d.key);
}

/**
 * The role keys that may open `d`, in spec order, admin left out (it always may): what the
 * builder's preview names as its readers, since the preview is computed as the builder sees it.
 */
export function dashboardReaders(
  spec: AppSpec,
  d: DashboardSpec,
  hasCapability: (actor: Actor, capability: Capability) => boolean,
): string[] {
  const actors = (spec.roles ?? []).map((r): Actor => ({ kind: 'user', userId: '', role: r.key }));
  return actors
    .filter((a) => standingOf(a) === 'role' && mayViewDashboard(spec, a, d, hasCapability))
    .map((a) => a.role!);
}
