import { Button, Tag, Tooltip, Typography } from 'antd';
import { HolderOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { FIELD_TYPE_ICONS } from '../entities/field-type-icons';
import { chipStyle } from './chip-style';
import { placedKey, type Placement } from './form-layout';

type Props = { placement: Placement; entity: EntitySpec; columns: number; onEdit: () => void };

const CONDITIONS = [
  ['visibleIf', 'purple'],
  ['requiredIf', 'red'],
  ['readOnlyIf', 'gold'],
] as const;

/** A field placed in a section: drag it elsewhere, click it for its texts and conditions. */
export function PlacedField({ placement, entity, columns, onEdit }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const key = placedKey(placement);
  const p = typeof placement === 'string' ? { field: key } : placement;
  const field = entity.fields.find((f) => f.key === key);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: `f:${key}`,
  });
  const name = p.label ? label(p.label, key) : field ? label(field.label, key) : key;
  return (
    <div
      ref={setNodeRef}
      style={{
        ...chipStyle,
        gridColumn: `span ${Math.min(p.span ?? 1, columns)}`,
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.4 : 1,
        // A placed key the entity no longer has stands out until it is taken off the form.
        border: field ? chipStyle.border : '1px dashed #ff4d4f',
        // Condition tags go to a second line rather than squeeze the name away (in Chinese
        // two tags left nothing of 转介绍学员 but its ellipsis in a two-column section).
        flexWrap: 'wrap',
      }}
    >
      <span
        {...attributes}
        {...listeners}
        aria-label={t('forms.dragField', { name })}
        style={{ cursor: 'grab', padding: '0 2px', color: '#8c8c8c' }}
      >
        <HolderOutlined />
      </span>
      <Button
        type="link"
        size="small"
        onClick={onEdit}
        // As wide as its name (the tags wrap when they do not fit beside it), at most the row
        // beside the drag handle, where a name longer than the chip ends in an ellipsis.
        style={{
          padding: 0,
          flex: '1 0 auto',
          maxWidth: 'calc(100% - 24px)',
          justifyContent: 'flex-start',
        }}
      >
        {field ? FIELD_TYPE_ICONS[field.type] : null}
        <Typography.Text ellipsis style={{ color: 'inherit', minWidth: 0 }}>
          {name}
        </Typography.Text>
        {field?.required ? <Typography.Text type="danger">*</Typography.Text> : null}
      </Button>
      {CONDITIONS.filter(([prop]) => p[prop] !== undefined).map(([prop, color]) => (
        <Tooltip key={prop} title={t(`forms.${prop}`)}>
          <Tag color={color} style={{ marginInlineEnd: 0, paddingInline: 4 }}>
            {t(`forms.${prop}Short`)}
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}
