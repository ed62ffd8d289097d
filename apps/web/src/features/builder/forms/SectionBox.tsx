import { Badge, Button, Card, Flex, Tag, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FormSpec } from '@trellis/spec';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useLabel } from '../../../lib/i18n/useLabel';
import { moved } from '../common/SortableList';
import { itemIn } from '../draft/find';
import { useEdit, useProblems } from '../draft/useDraft';
import { placedKey } from './form-layout';
import { PlacedField } from './PlacedField';

type Props = {
  form: FormSpec;
  entity: EntitySpec;
  index: number;
  pointer: string;
  onEditSection: () => void;
  onEditField: (key: string) => void;
};

/** One section of the form in the designer: its heading and its fields in its columns. */
export function SectionBox({ form, entity, index, pointer, onEditSection, onEditField }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const phone = useIsPhone();
  const problems = useProblems(pointer);
  const section = form.sections[index]!;
  const { setNodeRef, isOver } = useDroppable({ id: `s:${index}` });
  const columns = phone ? 1 : (section.columns ?? 1);
  const title = section.title
    ? label(section.title, '')
    : t('forms.untitledSection', { n: index + 1 });
  const keys = section.fields.map(placedKey);
  const move = (to: number) =>
    edit(t('forms.moveSectionStep', { name: title }), (s) => {
      const f = itemIn(s.forms, form.key);
      f.sections = moved(f.sections, index, to);
    });
  const remove = () =>
    edit(t('forms.removeSectionStep', { name: title }), (s) => {
      itemIn(s.forms, form.key).sections.splice(index, 1);
    });
  const last = form.sections.length - 1;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Flex align="center" gap={6} wrap style={{ minWidth: 0 }}>
          <Typography.Text strong={!!section.title} type={section.title ? undefined : 'secondary'}>
            {title}
          </Typography.Text>
          {(section.columns ?? 1) > 1 ? (
            <Tag style={{ marginInlineEnd: 0 }}>
              {t('forms.columnsTag', { count: section.columns })}
            </Tag>
          ) : null}
          {section.visibleIf !== undefined ? (
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              {t('forms.conditional')}
            </Tag>
          ) : null}
          {problems.length ? <Badge count={problems.length} size="small" /> : null}
        </Flex>
      }
      extra={
        <Flex gap={0}>
          <Button
            type="text"
            size="small"
            icon={<SettingOutlined />}
            aria-label={t('forms.sectionSettings', { name: title })}
            onClick={onEditSection}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            aria-label={t('forms.sectionUp', { name: title })}
            onClick={() => move(index - 1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={index === last}
            aria-label={t('forms.sectionDown', { name: title })}
            onClick={() => move(index + 1)}
          />
          <Button
            type="text"
            size="small"
            danger
            disabled={last === 0}
            icon={<DeleteOutlined />}
            aria-label={t('common.removeNamed', { name: title })}
            onClick={remove}
          />
        </Flex>
      }
    >
      <SortableContext items={keys.map((k) => `f:${k}`)} strategy={rectSortingStrategy}>
        <div
          ref={setNodeRef}
          data-testid={`form-section-${index}`}
          style={{
            display: 'grid',
            gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            gap: 8,
            minHeight: 44,
            padding: 4,
            borderRadius: 6,
            outline: isOver ? '2px dashed #1677ff' : undefined,
          }}
        >
          {section.fields.map((p) => (
            <PlacedField
              key={placedKey(p)}
              placement={p}
              entity={entity}
              columns={columns}
              onEdit={() => onEditField(placedKey(p))}
            />
          ))}
          {keys.length === 0 ? (
            <Typography.Text
              type="secondary"
              style={{ gridColumn: '1 / -1', textAlign: 'center', padding: 8 }}
            >
              {t('forms.dropHere')}
            </Typography.Text>
          ) : null}
        </div>
      </SortableContext>
    </Card>
  );
}
