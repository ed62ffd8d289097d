import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../../lib/i18n/useLabel';
import { useDraftSpec } from '../../draft/useDraft';
import { usePeople } from './people';

type Target = { team?: string; user?: string };
type Props = { label: string; value: unknown; onChange: (next: Target | undefined) => void };

/**
 * Who gets a record no one else took (the assign action's fallback, a rule's target): a team,
 * whose members take turns, or one person — one list, teams first.
 */
export function AssignTargetSelect({ label, value, onChange }: Props) {
  const { t } = useTranslation('builder');
  const name = useLabel();
  const spec = useDraftSpec();
  const target = (value ?? {}) as Target;
  const people = usePeople(undefined, target.user ? [target.user] : []);
  const current = target.team
    ? `team:${target.team}`
    : target.user
      ? `user:${target.user}`
      : undefined;
  return (
    <Select
      aria-label={label}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('assign.pickTarget')}
      value={current}
      style={{ maxWidth: 420, width: '100%' }}
      options={[
        {
          label: t('assign.teams'),
          options: (spec.teams ?? []).map((x) => ({
            value: `team:${x.key}`,
            label: name(x.label, x.key),
          })),
        },
        {
          label: t('assign.people'),
          options: people.map((p) => ({ value: `user:${p.value}`, label: p.label })),
        },
      ]}
      onChange={(x: string | undefined) => {
        if (!x) return onChange(undefined);
        const [kind, ...rest] = x.split(':');
        onChange(kind === 'team' ? { team: rest.join(':') } : { user: rest.join(':') });
      }}
    />
  );
}
