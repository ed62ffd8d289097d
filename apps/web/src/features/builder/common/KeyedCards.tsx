import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Flex, Typography } from 'antd';
import { DeleteOutlined, DownOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../hooks/useIsPhone';
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

/**
 * A short keyed list edited in place: one card per item, drag to reorder, add and remove. On a
 * phone the cards are folded to their names (seven teams, each with its members, were screens
 * of inputs to scroll past): a tap opens one, and an item just added opens by itself.
 */
export function KeyedCards<T extends { key: string }>(props: Props<T>) {
  const { t } = useTranslation('builder');
  const phone = useIsPhone();
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const keys = props.items.map((i) => i.key);
  const [known, setKnown] = useState(keys);
  // An item that was not there at the last render was just added here: it opens.
  if (known.join('\n') !== keys.join('\n')) {
    const added = keys.filter((k) => !known.includes(k));
    setKnown(keys);
    if (added.length > 0) setUnfolded((s) => new Set([...s, ...added]));
  }
  const toggle = (key: string) =>
    setUnfolded((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });
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
          const open = !phone || unfolded.has(item.key);
          return (
            <Card
              size="small"
              style={{ marginBottom: 8 }}
              styles={{ body: open ? undefined : { display: 'none' } }}
              title={
                <Flex align="center" gap={6} style={{ minWidth: 0 }}>
                  {handle}
                  {phone ? (
                    <Button
                      type="text"
                      size="small"
                      aria-expanded={open}
                      icon={open ? <DownOutlined /> : <RightOutlined />}
                      onClick={() => toggle(item.key)}
                      style={{ minWidth: 0, paddingInline: 4 }}
                    >
                      {props.name(item)}
                    </Button>
                  ) : (
                    <span>{props.name(item)}</span>
                  )}
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
              {open ? props.render(item, i) : null}
            </Card>
          );
        }}
      </SortableList>
    </Card>
  );
}
