import { useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLabel } from '../../lib/i18n/useLabel';
import type { SpecLabel } from '../../lib/i18n/label';
import { sessionKeys } from '../../lib/session/keys';
import { useLiveSpec } from '../../lib/session/useSpec';
import { useTranslation } from 'react-i18next';
import { fetchAllUsers, fetchTeams, peopleKeys } from './api/people';

/** Everyone (all pages, with contact details) and the teams, for the users page. */
export function usePeople() {
  const users = useQuery({ queryKey: peopleKeys.users(), queryFn: fetchAllUsers });
  const teams = useQuery({ queryKey: peopleKeys.teams(), queryFn: fetchTeams });
  const byId = useMemo(
    () => new Map((users.data ?? []).map((u) => [u.id, u] as const)),
    [users.data],
  );
  return { users, teams, byId };
}

/** After a change to people: this page's lists and the app's user pickers read again. */
export function useRefreshPeople() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: peopleKeys.all }),
      client.invalidateQueries({ queryKey: sessionKeys.users() }),
      client.invalidateQueries({ queryKey: sessionKeys.teams() }),
    ]);
}

/** Role and team names in the reader's language (the admin role is not in the spec). */
export function useNames() {
  const { t } = useTranslation('people');
  const label = useLabel();
  const spec = useLiveSpec();
  const teams = useQuery({ queryKey: peopleKeys.teams(), queryFn: fetchTeams });
  const roles = spec.roles ?? [];
  const roleName = (key: string) => {
    const role = roles.find((r) => r.key === key);
    if (role) return label(role.label, key);
    return key === 'admin' ? t('adminRole') : key;
  };
  const teamName = (key: string) => {
    const team = (teams.data ?? []).find((x) => x.key === key);
    return team ? label(team.label as SpecLabel, key) : key;
  };
  const roleOptions = [
    ...(roles.some((r) => r.key === 'admin') ? [] : [{ value: 'admin', label: t('adminRole') }]),
    ...roles.map((r) => ({ value: r.key, label: label(r.label, r.key) })),
  ];
  const teamOptions = (teams.data ?? []).map((x) => ({ value: x.key, label: teamName(x.key) }));
  return { roleName, teamName, roleOptions, teamOptions };
}
