import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FieldSpec, FormSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { FIELD_TYPE_ICONS } from '../entities/field-type-icons';
import { chipStyle } from './chip-style';
import { placedKeys } from './form-layout';

type Props = { form: FormSpec; entity: EntitySpec; onAdd: (key: string) => void };

/** The entity's fields not on the form yet: drag one into a section, or + adds it at the end. */
export function FieldPalette({ form, entity, onAdd }: Props) {
  const { t } = useTranslation('builder');
  const placed = placedKeys(form);
  const free = entity.fields.filter((f) => !placed.has(f.key));
  return (
    <Card size="small" title={t('forms.palette')} style={{ marginBottom: 12 }}>
      {free.length === 0 ? (
        <Typography.Text type="secondary">{t('forms.allPlaced')}</Typography.Text>
      ) : (
        <Flex wrap gap={8} role="list" aria-label={t('forms.palette')}>
          {free.map((f) => (
            <PaletteItem key={f.key} field={f} onAdd={() => onAdd(f.key)} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function PaletteItem({ field, onAdd }: { field: FieldSpec; onAdd: () => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `p:${field.key}` });
  const name = label(field.label, field.key);
  return (
    <div
      role="listitem"
      ref={setNodeRef}
      style={{ ...chipStyle, opacity: isDragging ? 0.4 : 1, paddingInlineEnd: 2 }}
    >
      <span
        {...attributes}
        {...listeners}
        aria-label={t('forms.dragField', { name })}
        style={{ cursor: 'grab', display: 'flex', gap: 6, alignItems: 'center' }}
      >
        {FIELD_TYPE_ICONS[field.type]}
        <span>{name}</span>
        {field.required ? <Typography.Text type="danger">*</Typography.Text> : null}
      </span>
      <Button
        type="text"
        size="small"
        icon={<PlusOutlined />}
        aria-label={t('forms.addField', { name })}
        onClick={onAdd}
      />
    </div>
  );
}
