import { useTranslation } from 'react-i18next';
import type { TeamSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { KeyedCards } from '../common/KeyedCards';
import { kebabKeyFrom } from '../common/keys';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { TeamCard } from './TeamCard';

/**
 * /builder/teams: the teams (a course line, a region) as a tree, and — for published teams —
 * their members and each member's supervisor, which live on people, not in the spec.
 */
export function TeamsSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const problems = useProblems('/teams');
  const teams = spec.teams ?? [];
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
      render={(team, i) => <TeamCard team={team} index={i} teams={teams} />}
    />
  );
}
