import type { Directory, UserInfo } from '../automations/directory';
import type { RecordData } from '../ports';

/** Result of resolving recipients: the users found, and the recipients that named nobody. */
export type Resolved = { users: UserInfo[]; unresolved: { recipient: string; reason: string }[] };

/**
 * Resolves spec recipients ('owner', 'owner.supervisor', 'team.lead', 'creator', 'role:<key>',
 * 'team:<key>', 'user:<login>', 'field:<userFieldKey>' = the user in that field of the record,
 * e.g. a lead's course advisor) against a record. Duplicates collapse; disabled users are
 * dropped (they cannot read anything); away users still get in-app notifications.
 */
export async function resolveRecipients(
  recipients: readonly string[],
  record: RecordData | null,
  dir: Directory,
): Promise<Resolved> {
  const found = new Map<string, UserInfo>();
  const unresolved: Resolved['unresolved'] = [];
  const add = (r: string, users: (UserInfo | null)[], reason: string) => {
    const ok = users.filter((u): u is UserInfo => u !== null && u.status !== 'disabled');
    if (ok.length === 0) unresolved.push({ recipient: r, reason });
    for (const u of ok) found.set(u.userId, u);
  };
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  for (const r of recipients) {
    const owner = str(record?.ownerId);
    if (r === 'owner')
      add(r, [owner ? await dir.user(owner) : null], owner ? 'inactive' : 'noOwner');
    else if (r === 'owner.supervisor') {
      const o = owner ? await dir.user(owner) : null;
      add(
        r,
        [o?.supervisorId ? await dir.user(o.supervisorId) : null],
        !o ? 'noOwner' : 'noSupervisor',
      );
    } else if (r === 'team.lead') {
      const team = str(record?.teamId);
      add(r, [team ? await dir.teamLead(team) : null], team ? 'noTeamLead' : 'noTeam');
    } else if (r === 'creator') {
      const c = str(record?.createdBy);
      add(r, [c ? await dir.user(c) : null], 'noCreator');
    } else if (r.startsWith('role:')) add(r, await dir.usersWithRole(r.slice(5)), 'nobodyWithRole');
    else if (r.startsWith('team:')) add(r, await dir.teamMembers(r.slice(5)), 'emptyTeam');
    else if (r.startsWith('user:')) add(r, [await dir.user(r.slice(5))], 'unknownUser');
    else if (r.startsWith('field:')) {
      const value = record?.[r.slice(6)];
      // A multi-user value is not a field type today, but an array is resolved member by member.
      const ids = (Array.isArray(value) ? value : [value]).map(str).filter((v) => v !== null);
      const users: (UserInfo | null)[] = [];
      for (const id of ids) users.push(await dir.user(id));
      add(r, users, ids.length > 0 ? 'inactive' : 'emptyField');
    } else unresolved.push({ recipient: r, reason: 'unknownRecipient' });
  }
  return { users: [...found.values()], unresolved };
}
