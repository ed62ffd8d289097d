import { useState } from 'react';
import { Button, Col, Row } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FormSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { itemIn } from '../draft/find';
import { useEdit } from '../draft/useDraft';
import { FIELD_TYPE_ICONS } from '../entities/field-type-icons';
import { chipStyle } from './chip-style';
import { FieldPalette } from './FieldPalette';
import { findPlacement, placeField } from './form-layout';
import { FormPreview } from './FormPreview';
import { PlacementDrawer } from './PlacementDrawer';
import { SectionBox } from './SectionBox';
import { SectionDrawer } from './SectionDrawer';

type Props = { form: FormSpec; entity: EntitySpec; pointer: string };

type Editing = { field: string } | { section: number } | undefined;

// A field under the pointer wins over the section around it; the keyboard has no pointer.
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const field = within.find((c) => String(c.id).startsWith('f:'));
  if (field) return [field];
  return within.length ? within : closestCenter(args);
};

/**
 * The form designer: fields dragged from the entity's list into sections and columns (or added
 * with +), each placement's conditions in a drawer, and the real form beside it as people will
 * see it. Drag ids: `p:<field>` in the list, `f:<field>` placed, `s:<index>` a section.
 */
export function FormDesigner({ form, entity, pointer }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const [editing, setEditing] = useState<Editing>();
  const [dragging, setDragging] = useState<string>();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const name = label(form.label, form.key);
  const fieldName = (key: string) => {
    const f = entity.fields.find((x) => x.key === key);
    return f ? label(f.label, key) : key;
  };
  const place = (key: string, section: number, index: number) =>
    edit(t('forms.placeStep', { name: fieldName(key) }), (s) =>
      placeField(itemIn(s.forms, form.key), key, section, index),
    );
  const end = ({ active, over }: DragEndEvent) => {
    setDragging(undefined);
    if (!over || active.id === over.id) return;
    const key = String(active.id).slice(2);
    const target = String(over.id);
    if (target.startsWith('s:')) {
      const s = Number(target.slice(2));
      place(key, s, form.sections[s]?.fields.length ?? 0);
      return;
    }
    const to = findPlacement(form, target.slice(2));
    if (!to) return;
    const from = String(active.id).startsWith('f:') ? findPlacement(form, key) : undefined;
    // Dropped on a field further down its own section: it takes that field's place.
    const after = from && from[0] === to[0] && from[1] < to[1];
    place(key, to[0], after ? to[1] + 1 : to[1]);
  };
  const addSection = () =>
    edit(t('forms.addSectionStep', { name }), (s) => {
      itemIn(s.forms, form.key).sections.push({
        title: {
          'zh-CN': t('forms.newSection', { lng: 'zh-CN', n: form.sections.length + 1 }),
          en: t('forms.newSection', { lng: 'en', n: form.sections.length + 1 }),
        },
        fields: [],
      } as never);
    });
  const dragged = dragging ? entity.fields.find((f) => f.key === dragging.slice(2)) : undefined;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          onDragStart={(e) => setDragging(String(e.active.id))}
          onDragCancel={() => setDragging(undefined)}
          onDragEnd={end}
        >
          <FieldPalette
            form={form}
            entity={entity}
            onAdd={(key) => {
              const last = form.sections.length - 1;
              place(key, last, form.sections[last]?.fields.length ?? 0);
            }}
          />
          {form.sections.map((section, i) => (
            <SectionBox
              key={i}
              form={form}
              entity={entity}
              index={i}
              pointer={`${pointer}/sections/${i}`}
              onEditSection={() => setEditing({ section: i })}
              onEditField={(field) => setEditing({ field })}
            />
          ))}
          <Button icon={<PlusOutlined />} onClick={addSection}>
            {t('forms.addSection')}
          </Button>
          <DragOverlay>
            {dragged ? (
              <div style={{ ...chipStyle, boxShadow: '0 6px 16px rgba(0,0,0,0.16)' }}>
                {FIELD_TYPE_ICONS[dragged.type]} {label(dragged.label, dragged.key)}
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      </Col>
      <Col xs={24} xl={11}>
        <FormPreview form={form} />
      </Col>
      {editing && 'field' in editing ? (
        <PlacementDrawer
          form={form}
          entity={entity}
          fieldKey={editing.field}
          pointer={pointer}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
      {editing && 'section' in editing && form.sections[editing.section] ? (
        <SectionDrawer
          form={form}
          entity={entity}
          index={editing.section}
          pointer={`${pointer}/sections/${editing.section}`}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </Row>
  );
}
