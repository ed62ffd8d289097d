import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useDraftSpec } from '../draft/useDraft';

const FIXED = ['owner', 'owner.supervisor', 'team.lead', 'creator'];

type Props = {
  value: string[] | undefined;
  onChange: (next: string[]) => void;
  /** The entity whose records are concerned: its user fields can be told too. */
  entity?: EntitySpec | undefined;
  ariaLabel: string;
  status?: 'error' | undefined;
  disabled?: boolean;
};

/**
 * Who is told: the owner, the owner's supervisor, the team lead, the creator, a role, a team,
 * the person in a user field, or a person by login (typed).
 */
export function RecipientSelect({ value, onChange, entity, ariaLabel, status, disabled }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const spec = useDraftSpec();
  const people = FIXED.map((r) => ({
    value: r,
    label: t(`recipients.${r}`),
  }));
  const groups = [
    { label: t('recipients.people'), options: people },
    {
      label: t('recipients.roles'),
      options: (spec.roles ?? []).map((r) => ({
        value: `role:${r.key}`,
        label: t('recipients.role', { name: label(r.label, r.key) }),
      })),
    },
    {
      label: t('recipients.teams'),
      options: (spec.teams ?? []).map((r) => ({
        value: `team:${r.key}`,
        label: t('recipients.team', { name: label(r.label, r.key) }),
      })),
    },
    {
      label: t('recipients.fields'),
      options: (entity?.fields ?? [])
        .filter((f) => f.type === 'user')
        .map((f) => ({
          value: `field:${f.key}`,
          label: t('recipients.field', { name: label(f.label, f.key) }),
        })),
    },
  ].filter((g) => g.options.length > 0);
  return (
    <Select
      mode="tags"
      disabled={disabled}
      aria-label={ariaLabel}
      status={status}
      style={{ width: '100%' }}
      value={value ?? []}
      options={groups}
      placeholder={t('recipients.placeholder')}
      tokenSeparators={[',', ' ']}
      // A typed name that is none of the above is a person's login.
      onChange={(next: string[]) =>
        onChange(next.map((v) => (v.includes(':') || FIXED.includes(v) ? v : `user:${v}`)))
      }
    />
  );
}
