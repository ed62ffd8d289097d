import type { ReactNode } from 'react';
import { Badge, Button, Flex, Menu, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type PickerItem = { key: string; label: string; extra?: ReactNode; problems?: number };

type Props = {
  title: string;
  items: PickerItem[];
  selected: string | undefined;
  onSelect: (key: string) => void;
  addText?: string;
  onAdd?: () => void;
};

/** The list beside an editor (entities, forms, pipelines, views): pick one or add one. */
export function ItemPicker({ title, items, selected, onSelect, addText, onAdd }: Props) {
  const { t } = useTranslation('builder');
  return (
    <div>
      <Flex align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {onAdd ? (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<PlusOutlined />}
            // Every list says "Add": the name says to which (a screen reader lists buttons alone).
            aria-label={t('common.addTo', { section: title })}
            onClick={onAdd}
          >
            {addText}
          </Button>
        ) : null}
      </Flex>
      <Menu
        mode="inline"
        // Names wrap (app.css): a long automation name was cut to "Python and data-anal…" in
        // the desktop's narrow list, several alike.
        className="trellis-item-picker"
        aria-label={title}
        selectedKeys={selected ? [selected] : []}
        style={{ borderInlineEnd: 'none' }}
        items={items.map((i) => ({
          key: i.key,
          label: (
            <Flex align="center" gap={6} style={{ minWidth: 0 }}>
              <span className="trellis-item-picker-name">{i.label}</span>
              {i.extra}
              {i.problems ? (
                <Badge count={i.problems} size="small" style={{ marginInlineStart: 'auto' }} />
              ) : null}
            </Flex>
          ),
        }))}
        onClick={({ key }) => onSelect(key)}
      />
    </div>
  );
}
