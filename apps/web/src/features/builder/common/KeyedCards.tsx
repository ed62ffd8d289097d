import type { ReactNode } from 'react';
import { Badge, Button, Card, Flex, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { moved, SortableList } from './SortableList';

type Props<T extends { key: string }> = {
  title: string;
  intro?: string;
  items: T[];
  /** The card's heading (its name). */
  name: (item: T) => string;
  problems: (index: number) => number;
  render: (item: T, index: number) => ReactNode;
  onMove: (items: T[]) => void;
  onAdd: () => void;
  addText: string;
  /** Replaces the add button (a menu of kinds to add). */
  addButton?: ReactNode;
  onRemove: (item: T) => void;
  empty: string;
};

/** A short keyed list edited in place: one card per item, drag to reorder, add and remove. */
export function KeyedCards<T extends { key: string }>(props: Props<T>) {
  const { t } = useTranslation('builder');
  return (
    <Card
      title={props.title}
      extra={
        props.addButton ?? (
          <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={props.onAdd}>
            {props.addText}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {props.intro ? (
        <Typography.Paragraph type="secondary">{props.intro}</Typography.Paragraph>
      ) : null}
      {props.items.length === 0 ? (
        <Typography.Text type="secondary">{props.empty}</Typography.Text>
      ) : null}
      <SortableList
        ids={props.items.map((i) => i.key)}
        onMove={(from, to) => props.onMove(moved(props.items, from, to))}
      >
        {(_id, handle, i) => {
          const item = props.items[i]!;
          return (
            <Card
              size="small"
              style={{ marginBottom: 8 }}
              title={
                <Flex align="center" gap={6}>
                  {handle}
                  <span>{props.name(item)}</span>
                  <Typography.Text type="secondary" code>
                    {item.key}
                  </Typography.Text>
                  {props.problems(i) ? <Badge count={props.problems(i)} size="small" /> : null}
                </Flex>
              }
              extra={
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.removeNamed', { name: props.name(item) })}
                  onClick={() => props.onRemove(item)}
                />
              }
            >
              {props.render(item, i)}
            </Card>
          );
        }}
      </SortableList>
    </Card>
  );
}
