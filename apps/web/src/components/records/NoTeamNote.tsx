import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session/useMe';

/** Whether a view's filter reads the viewer's teams (`{"var": "$user.teams"}`). */
function readsOwnTeams(filter: unknown): boolean {
  return filter !== undefined && JSON.stringify(filter).includes('"$user.teams"');
}

/**
 * Says why a view of "my teams' records" is empty for someone in no team (an admin often is):
 * without it the board showed "No cards" in every column as if the team had no work.
 */
export function NoTeamNote({ filter }: { filter: unknown }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me || !readsOwnTeams(filter) || (me.actor.teams ?? []).length > 0) return null;
  return (
    <Alert
      className="trellis-no-team"
      type="info"
      showIcon
      message={t('view.noTeam')}
      style={{ marginBottom: 12 }}
    />
  );
}
