import { Card, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TeamSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { KeyedCards } from '../common/KeyedCards';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { usePublished } from '../common/usePublished';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { TeamMembers } from './TeamMembers';

/**
 * /builder/teams: the teams (a course line, a region) as a tree, and — for published teams —
 * their members and each member's supervisor, which live on people, not in the spec.
 */
export function TeamsSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const published = usePublished();
  const problems = useProblems('/teams');
  const teams = spec.teams ?? [];
  const set = (key: string, prop: keyof TeamSpec, value: unknown) =>
    edit(
      t('teams.changeStep', { name: key }),
      (s) => setOptional(itemIn(s.teams, key), prop, value as never),
      { coalesce: `team:${key}:${prop}` },
    );
  return (
    <KeyedCards<TeamSpec>
      title={t('teams.title')}
      intro={t('teams.intro')}
      items={teams}
      name={(x) => label(x.label, x.key)}
      problems={(i) => problems.filter((p) => p.path.startsWith(`/teams/${i}`)).length}
      addText={t('teams.add')}
      empty={t('teams.empty')}
      onAdd={() =>
        edit(t('teams.addStep'), (s) => {
          const key = kebabKeyFrom(
            '',
            (s.teams ?? []).map((x) => x.key),
            'team',
          );
          (s.teams ??= []).push({
            key,
            label: {
              'zh-CN': t('teams.newTeam', { lng: 'zh-CN' }),
              en: t('teams.newTeam', { lng: 'en' }),
            },
          });
        })
      }
      onMove={(items) => edit(t('teams.moveStep'), (s) => void (s.teams = items))}
      onRemove={(x) =>
        edit(t('teams.removeStep', { name: label(x.label, x.key) }), (s) => {
          s.teams = (s.teams ?? []).filter((y) => y.key !== x.key);
          for (const y of s.teams) if (y.parent === x.key) delete y.parent;
        })
      }
      render={(team, i) => (
        <>
          <Form layout="vertical">
            <Form.Item label={t('teams.name')} required>
              <LocaleTextInput
                label={t('teams.name')}
                value={team.label}
                onChange={(v) => set(team.key, 'label', v)}
              />
              <ProblemText
                problems={problems.filter((p) => p.path.startsWith(`/teams/${i}/label`))}
              />
            </Form.Item>
            <Form.Item label={t('teams.parent')} extra={t('teams.parentHelp')}>
              <Select
                aria-label={t('teams.parent')}
                allowClear
                placeholder={t('teams.noParent')}
                value={team.parent}
                style={{ maxWidth: 280 }}
                options={teams
                  .filter((x) => x.key !== team.key)
                  .map((x) => ({ value: x.key, label: label(x.label, x.key) }))}
                onChange={(v: string | undefined) => set(team.key, 'parent', v)}
              />
              <ProblemText
                problems={problems.filter((p) => p.path.startsWith(`/teams/${i}/parent`))}
              />
            </Form.Item>
          </Form>
          <Card size="small" type="inner" title={t('teams.members')}>
            {published.team(team.key) ? (
              <TeamMembers teamKey={team.key} />
            ) : (
              <Typography.Text type="secondary">{t('teams.publishFirst')}</Typography.Text>
            )}
          </Card>
        </>
      )}
    />
  );
}
