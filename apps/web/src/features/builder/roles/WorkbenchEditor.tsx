import { Button, Flex, Select, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AppSpec, WorkbenchItemSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { moved, SortableList } from '../common/SortableList';

type Props = {
  spec: AppSpec;
  value: WorkbenchItemSpec[];
  onChange: (next: WorkbenchItemSpec[]) => void;
};

const TYPES = ['tasks', 'records', 'notifications', 'view', 'dashboard', 'form', 'pool'] as const;

/** The panels of the role's home page, in order: tasks, a view, a dashboard, a quick form… */
export function WorkbenchEditor({ spec, value, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const refs = (type: string): { value: string; label: string }[] => {
    if (type === 'view')
      return (spec.views ?? []).map((v) => ({ value: v.key, label: label(v.label, v.key) }));
    if (type === 'dashboard')
      return (spec.dashboards ?? []).map((d) => ({ value: d.key, label: label(d.label, d.key) }));
    if (type === 'form')
      return (spec.forms ?? []).map((f) => ({ value: f.key, label: label(f.label, f.key) }));
    if (type === 'records')
      return spec.entities.map((e) => ({ value: e.key, label: label(e.label, e.key) }));
    if (type === 'pool')
      return spec.entities
        .filter((e) => e.pool)
        .map((e) => ({ value: e.key, label: label(e.label, e.key) }));
    return [];
  };
  const make = (type: (typeof TYPES)[number]): WorkbenchItemSpec => {
    if (type === 'tasks' || type === 'notifications') return { type };
    const first = refs(type)[0]?.value ?? '';
    return (
      type === 'pool' || type === 'records' ? { type, entity: first } : { type, ref: first }
    ) as WorkbenchItemSpec;
  };
  const ids = value.map((_, i) => String(i));
  return (
    <div style={{ maxWidth: 560 }}>
      {value.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('roles.noPanels')}</Typography.Paragraph>
      ) : null}
      <SortableList ids={ids} onMove={(from, to) => onChange(moved(value, from, to))}>
        {(_id, handle, i) => {
          const item = value[i]!;
          const options = refs(item.type);
          const ref = 'ref' in item ? item.ref : 'entity' in item ? item.entity : undefined;
          return (
            <Flex align="center" gap={8} style={{ marginBottom: 6 }} wrap>
              {handle}
              <Select
                aria-label={t('roles.panelType', { n: i + 1 })}
                value={item.type}
                style={{ width: 160 }}
                options={TYPES.map((x) => ({ value: x, label: t(`roles.panels.${x}`) }))}
                onChange={(x: (typeof TYPES)[number]) =>
                  onChange(value.map((v, j) => (j === i ? make(x) : v)))
                }
              />
              {options.length || ref !== undefined ? (
                <Select
                  aria-label={t('roles.panelRef', { n: i + 1 })}
                  value={ref || undefined}
                  style={{ minWidth: 180, flex: 1 }}
                  options={options}
                  onChange={(x: string) =>
                    onChange(
                      value.map((v, j) =>
                        j !== i
                          ? v
                          : ((item.type === 'pool' || item.type === 'records'
                              ? { ...v, entity: x }
                              : { ...v, ref: x }) as WorkbenchItemSpec),
                      ),
                    )
                  }
                />
              ) : null}
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('roles.removePanel', { n: i + 1 })}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            </Flex>
          );
        }}
      </SortableList>
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, make('tasks')])}
      >
        {t('roles.addPanel')}
      </Button>
    </div>
  );
}
