import { useEffect, useRef } from 'react';
import { Spin } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'react-router';
import type { RecordData } from '../../../lib/records/types';

type Props = {
  entity: string;
  columns: string[];
  rows: RecordData[];
  text: (key: string, value: unknown) => string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

const CARD = 76;

/** The list at phone width: one card per record (its name and the next two columns). */
export function RecordCardList({
  entity,
  columns,
  rows,
  text,
  hasMore,
  loadingMore,
  onLoadMore,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD,
    overscan: 6,
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 1 && hasMore && !loadingMore) onLoadMore();
  }, [last, rows.length, hasMore, loadingMore, onLoadMore]);
  const [title, ...rest] = columns;
  return (
    <div ref={scroller} className="trellis-cards-scroll">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row)
            return (
              <div
                key="more"
                className="trellis-table-more"
                style={{ top: item.start, height: CARD }}
              >
                <Spin size="small" />
              </div>
            );
          const details = rest
            .map((c) => text(c, row[c]))
            .filter(Boolean)
            .slice(0, 3);
          return (
            <Link
              key={row.id}
              to={`/records/${entity}/${row.id}`}
              className="trellis-card-row"
              style={{ top: item.start, height: CARD - 8 }}
            >
              <div className="trellis-card-title trellis-ellipsis">
                {text(title!, row[title!]) || '—'}
              </div>
              <div className="trellis-card-meta trellis-ellipsis">{details.join(' · ')}</div>
            </Link>
          );
        })}
      </div>
    </div>
  );
}
