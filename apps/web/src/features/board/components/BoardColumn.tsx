import { Button, Empty, Spin, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import type { Group, RecordData } from '../../../lib/records/types';
import { boardColumnQuery } from '../hooks/board-queries';
import { useRelationTitles } from '../hooks/useRelationTitles';
import { BoardCard, type CardDetail } from './BoardCard';

type Props = {
  view: string;
  entity: EntitySpec;
  by: string;
  value: string;
  title: string;
  color?: string;
  group: Group | undefined;
  sumText: string;
  cardFields: string[];
  text: (key: string, value: unknown) => string;
  titleOf: (r: RecordData) => string;
};

/** One column of the board: its count and sums, its cards loaded a page at a time. */
export function BoardColumn(props: Props) {
  const { t } = useTranslation();
  const cards = useInfiniteQuery(boardColumnQuery(props.view, props.by, props.value));
  const { setNodeRef, isOver } = useDroppable({ id: props.value });
  const rows = (cards.data?.pages ?? []).flatMap((p) => p.items);
  const related = useRelationTitles(props.entity, props.cardFields, rows);
  const details = (r: RecordData): CardDetail[] =>
    props.cardFields
      .map((f) => ({
        key: f,
        text: related(f, r[f]) ?? props.text(f, r[f]),
        ...optionColor(props.entity, f, r[f]),
      }))
      .filter((d) => d.text !== '');
  return (
    <section
      ref={setNodeRef}
      className={`trellis-board-column${isOver ? ' trellis-board-over' : ''}`}
      aria-label={props.title}
      style={{ borderTopColor: props.color ?? '#d9d9d9' }}
    >
      <header className="trellis-board-head">
        <Typography.Text strong className="trellis-ellipsis">
          {props.title}
        </Typography.Text>
        <Typography.Text type="secondary">{props.group?.count ?? 0}</Typography.Text>
      </header>
      {props.sumText ? (
        <Typography.Text type="secondary" className="trellis-board-sum">
          {props.sumText}
        </Typography.Text>
      ) : null}
      <div className="trellis-board-cards">
        {cards.isPending ? (
          <Spin size="small" />
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} />
        ) : (
          rows.map((r) => (
            <BoardCard
              key={r.id}
              record={r}
              entity={props.entity.key}
              title={props.titleOf(r)}
              details={details(r)}
            />
          ))
        )}
        {cards.hasNextPage ? (
          <Button
            size="small"
            type="link"
            loading={cards.isFetchingNextPage}
            onClick={() => void cards.fetchNextPage()}
          >
            {t('board.loadMore')}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

/** The colour of a select value's option, when the spec gives it one (risk lights). */
function optionColor(entity: EntitySpec, key: string, value: unknown): { color?: string } {
  const field = entity.fields.find((f) => f.key === key);
  if (!field || field.type !== 'select') return {};
  const color = field.options.find((o) => o.value === value)?.color;
  return color ? { color } : {};
}
