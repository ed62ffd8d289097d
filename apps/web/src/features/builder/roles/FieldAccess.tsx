import { useState } from 'react';
import { Segmented, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FieldSpec, RoleSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';

type Access = 'editable' | 'readonly' | 'hidden';

type Props = {
  role: RoleSpec;
  entities: EntitySpec[];
  onChange: (entity: string, field: string, access: Access) => void;
};

/** Per field of an entity: may the role change it, only see it, or not see it at all. */
export function FieldAccess({ role, entities, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const visible = entities.filter((e) => (role.entities[e.key]?.read ?? 'none') !== 'none');
  const [entityKey, setEntityKey] = useState(visible[0]?.key);
  const entity = visible.find((e) => e.key === entityKey) ?? visible[0];
  if (!entity)
    return <Typography.Text type="secondary">{t('roles.noReadableEntity')}</Typography.Text>;
  const access = (f: FieldSpec): Access => role.fields?.[entity.key]?.[f.key] ?? 'editable';
  return (
    <div>
      <Select
        aria-label={t('roles.entity')}
        value={entity.key}
        onChange={setEntityKey}
        style={{ minWidth: 200, marginBottom: 12 }}
        options={visible.map((e) => ({ value: e.key, label: label(e.label, e.key) }))}
      />
      <Table<FieldSpec>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={entity.fields}
        columns={[
          { title: t('roles.field'), render: (_, f) => label(f.label, f.key) },
          {
            title: t('roles.access'),
            width: 260,
            render: (_, f) => (
              <Segmented
                size="small"
                aria-label={t('roles.fieldAccess', { field: label(f.label, f.key) })}
                value={access(f)}
                onChange={(v) => onChange(entity.key, f.key, v as Access)}
                options={(['editable', 'readonly', 'hidden'] as const).map((a) => ({
                  value: a,
                  label: t(`roles.accessKinds.${a}`),
                }))}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
