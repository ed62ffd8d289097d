import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useSignedIn } from '../../../lib/session/useMe';
import { useLiveSpec } from '../../../lib/session/useSpec';
import type { User } from '../../../lib/session/types';
import type { Team } from '../api/people';
import { useNames, usePeople } from '../hooks';

/**
 * The spec's tree in the spec's order: each parent followed by its children (the API lists teams
 * by key).
 */
function treeOrder(teams: Team[], order: string[]): { team: Team; depth: number }[] {
  const out: { team: Team; depth: number }[] = [];
  const keys = new Set(teams.map((x) => x.key));
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const sorted = [...teams].sort((a, b) => rank(a.key) - rank(b.key));
  const visit = (parent: string | null, depth: number) => {
    for (const team of sorted)
      if ((team.parentKey && keys.has(team.parentKey) ? team.parentKey : null) === parent) {
        out.push({ team, depth });
        if (depth < 8) visit(team.key, depth + 1);
      }
  };
  visit(null, 0);
  return out;
}

/**
 * The teams with their members. Teams themselves are part of the app spec (mirrored into the
 * teams table on every publish), so creating and renaming one is the builder's: a team made
 * here would vanish at the next publish.
 */
export function TeamsTab() {
  const { t } = useTranslation('people');
  const me = useSignedIn();
  const order = (useLiveSpec().teams ?? []).map((x) => x.key);
  const { users, teams } = usePeople();
  const names = useNames();
  const active = (users.data ?? []).filter((u) => u.status !== 'disabled');
  const member = (u: User) => (
    <Tag key={u.id}>
      {u.name} · {names.roleName(u.role)}
    </Tag>
  );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t('teams.intro')}
        // Below the text, not beside it: beside, a phone's width squeezed the text to a column.
        description={
          me.capabilities.includes('build') ? (
            <Link to="/builder/teams">
              <Button size="small" style={{ marginTop: 4 }}>
                {t('teams.edit')}
              </Button>
            </Link>
          ) : (
            t('teams.noBuild')
          )
        }
      />
      <QueryBoundary query={teams} rows={4}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState description={t('teams.none')} />
          ) : (
            <Row gutter={[12, 12]}>
              {treeOrder(list, order).map(({ team, depth }) => {
                const members = active.filter((u) => u.teams.includes(team.key));
                return (
                  <Col key={team.key} xs={24} md={12} xl={8}>
                    <Card
                      size="small"
                      className="trellis-team-card"
                      title={names.teamName(team.key)}
                      extra={
                        <Typography.Text type="secondary">
                          {t('teams.members', { count: members.length })}
                        </Typography.Text>
                      }
                      style={{ height: '100%' }}
                    >
                      {depth > 0 && team.parentKey ? (
                        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                          {t('teams.parent', { name: names.teamName(team.parentKey) })}
                        </Typography.Paragraph>
                      ) : null}
                      {members.length === 0 ? (
                        <Typography.Text type="secondary">{t('teams.empty')}</Typography.Text>
                      ) : (
                        <Space size={[4, 6]} wrap>
                          {members.map(member)}
                        </Space>
                      )}
                    </Card>
                  </Col>
                );
              })}
              {active.some((u) => u.teams.length === 0) ? (
                <Col xs={24} md={12} xl={8}>
                  <Card
                    size="small"
                    className="trellis-team-card"
                    title={t('teams.withoutTeam')}
                    style={{ height: '100%' }}
                  >
                    <Space size={[4, 6]} wrap>
                      {active.filter((u) => u.teams.length === 0).map(member)}
                    </Space>
                  </Card>
                </Col>
              ) : null}
            </Row>
          )
        }
      </QueryBoundary>
    </Space>
  );
}
