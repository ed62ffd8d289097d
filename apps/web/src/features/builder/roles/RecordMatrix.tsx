import { Checkbox, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCOPES, type EntityPermissionSpec, type EntitySpec, type RoleSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import type { SpecProblem } from '../draft/draft-store';

type Props = {
  role: RoleSpec;
  entities: EntitySpec[];
  problems: SpecProblem[];
  pointer: string;
  onChange: (entity: string, next: EntityPermissionSpec | undefined) => void;
};

const ACTIONS = ['read', 'update', 'delete'] as const;

/**
 * The permissions matrix: entities × (create, see, change, delete) × scope — own records, the
 * team's, everyone's, with or without the public pool. An entity not listed for the role is
 * invisible to it.
 */
export function RecordMatrix({ role, entities, problems, pointer, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  // Cells the template wrote ("none", false) stay as written; a cell people clear is removed.
  const set = (entity: string, patch: Partial<EntityPermissionSpec>) => {
    const next: Record<string, unknown> = { ...role.entities[entity], ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange(entity, Object.keys(next).length ? (next as EntityPermissionSpec) : undefined);
  };
  const scopes = (e: EntitySpec) =>
    SCOPES.filter((s) => !s.endsWith('+pool') || e.pool).filter(
      (s) => e.owned !== false || s === 'none' || s === 'all',
    );
  return (
    <Table<EntitySpec>
      rowKey="key"
      size="small"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={entities}
      columns={[
        {
          title: t('roles.entity'),
          render: (_, e) => (
            <>
              {label(e.label, e.key)}
              <ProblemText
                problems={problems.filter((p) => p.path.startsWith(`${pointer}/entities/${e.key}`))}
              />
            </>
          ),
        },
        {
          title: t('roles.actions.create'),
          width: 90,
          align: 'center',
          render: (_, e) => (
            <Checkbox
              aria-label={t('roles.cell', {
                action: t('roles.actions.create'),
                entity: label(e.label, e.key),
              })}
              checked={role.entities[e.key]?.create === true}
              onChange={(ev) => set(e.key, { create: ev.target.checked })}
            />
          ),
        },
        ...ACTIONS.map((action) => ({
          title: t(`roles.actions.${action}`),
          width: 150,
          render: (_: unknown, e: EntitySpec) => (
            <Select
              aria-label={t('roles.cell', {
                action: t(`roles.actions.${action}`),
                entity: label(e.label, e.key),
              })}
              size="small"
              value={role.entities[e.key]?.[action] ?? 'none'}
              style={{ width: '100%' }}
              popupMatchSelectWidth={false}
              options={scopes(e).map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))}
              onChange={(v: string) => set(e.key, { [action]: v })}
            />
          ),
        })),
      ]}
    />
  );
}
