import { createPermissions, leavesNoUserManager, userManagerRoles } from '@trellis/engine';
import type { MemberChange, Permissions } from '@trellis/engine';
import type { Store, Tx, UserPatch, UserStatus } from '@trellis/store';

/** What `PATCH /users/{id}` or `trellis users disable` changes of one person (left out: kept). */
export type UserChange = UserPatch & { teams?: string[]; status?: UserStatus };

export type ChangeUserResult =
  | { ok: true }
  | { ok: false; code: 'not_found' }
  /** The change would leave nobody active who can manage users; `name` is the person's. */
  | { ok: false; code: 'last_user_manager'; name: string };

/**
 * Changes a person in one transaction, the rule first: never the last active person who can
 * manage users deactivated or demoted (the engine's `leavesNoUserManager`, over the directory
 * and the live spec as this transaction reads them after `holdManagers`, so two changes racing
 * for the last two holders cannot both pass). Credentials never outlive what they were granted
 * for: a new password, another role or a deactivation also revoke the person's API tokens and
 * end their sessions; other teams end the sessions (a token reads the teams at each request).
 */
export function changeUser(
  store: Store,
  id: string,
  change: UserChange,
  now: number,
): Promise<ChangeUserResult> {
  const guarded = change.role !== undefined || change.status !== undefined;
  return store.transaction(async (tx): Promise<ChangeUserResult> => {
    // A name, password or teams alone take nothing from anyone: no lock to wait for.
    if (guarded) await tx.users.holdManagers();
    const row = await tx.users.byId(id);
    if (!row) return { ok: false, code: 'not_found' };
    if (guarded) {
      const model = await liveRoleModel(store, tx);
      const member: MemberChange = {
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.status !== undefined ? { status: change.status } : {}),
      };
      // Only the holders' roles matter: a person outside them manages no one either way.
      const holders = await tx.users.withRoles(model.roles);
      if (leavesNoUserManager(model.permissions, holders, id, member))
        return { ok: false, code: 'last_user_manager', name: row.name };
    }
    const { teams, status, ...patch } = change;
    const teamsBefore = (await tx.users.teamsOf(id)).sort().join('\n');
    await tx.users.update(id, patch, now);
    if (teams) await tx.users.setTeams(id, teams);
    if (status) await tx.users.setStatus(id, status, now);
    const roleChanged = change.role !== undefined && change.role !== row.role;
    const teamsChanged =
      teams !== undefined && [...new Set(teams)].sort().join('\n') !== teamsBefore;
    const revoke = roleChanged || patch.passwordHash !== undefined || status === 'disabled';
    if (revoke) await revokeTokens(tx, id, now);
    if (revoke || teamsChanged) await tx.sessions.removeForUser(id);
    return { ok: true };
  });
}

type RoleModel = { version: number | null; permissions: Permissions; roles: string[] };
// A store's live role model by spec version: a version never changes once published, and the
// spec is ~90 KB of JSON to read and parse (it doubled a role change's time on SQLite).
const models = new WeakMap<Store, RoleModel>();

/** The role model of the spec live in `tx` (its version read there, the spec only when new). */
async function liveRoleModel(store: Store, tx: Tx): Promise<RoleModel> {
  const version = await tx.specs.liveVersion();
  const known = models.get(store);
  if (known && known.version === version) return known;
  const live = await tx.specs.live();
  const spec = live?.spec ?? { entities: [] };
  const model = {
    version: live?.version ?? null,
    permissions: createPermissions(spec),
    roles: userManagerRoles(spec),
  };
  models.set(store, model);
  return model;
}

async function revokeTokens(tx: Tx, userId: string, now: number): Promise<void> {
  for (const t of await tx.tokens.list())
    if (t.userId === userId && t.revokedAt === null) await tx.tokens.revoke(t.id, now);
}
