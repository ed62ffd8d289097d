import { useEffect, useRef } from 'react';
import { Checkbox, Spin, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordData } from '../../../lib/records/types';

type Props = {
  entity: string;
  columns: string[];
  rows: RecordData[];
  label: (key: string) => string;
  text: (key: string, value: unknown) => string;
  /** The least width of a column in pixels (by field type). */
  width: (key: string) => number;
  sort: { field: string; dir: 'asc' | 'desc' } | null;
  onSort: (field: string) => void;
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

const ROW = 40;

/**
 * The list's rows, virtualised: only the rows on screen are in the DOM, so 100,000 records
 * scroll as smoothly as 100; the next page loads when the end comes into view.
 */
export function RecordTable(props: Props) {
  const { t } = useTranslation();
  const { columns, rows, selected } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length + (props.hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  const { hasMore, loadingMore, onLoadMore } = props;
  useEffect(() => {
    if (last && last.index >= rows.length - 1 && hasMore && !loadingMore) onLoadMore();
  }, [last, rows.length, hasMore, loadingMore, onLoadMore]);
  const widths = columns.map((c) => props.width(c));
  const template = `40px ${widths.map((w) => `minmax(${w}px, 1fr)`).join(' ')}`;
  // Every row the same width: the columns line up whatever each row holds.
  const minWidth = 40 + widths.reduce((a, b) => a + b, 0);
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <div className="trellis-table" role="table" aria-rowcount={rows.length}>
      <div ref={scroller} className="trellis-table-scroll">
        <div style={{ minWidth }}>
          <div className="trellis-table-head" role="row" style={{ gridTemplateColumns: template }}>
            <div role="columnheader" className="trellis-cell">
              <Checkbox
                aria-label={t('list.selectAll')}
                checked={allChecked}
                indeterminate={!allChecked && selected.size > 0}
                onChange={(e) =>
                  props.onSelect(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())
                }
              />
            </div>
            {columns.map((c) => (
              <button
                key={c}
                type="button"
                role="columnheader"
                className="trellis-cell trellis-sort"
                onClick={() => props.onSort(c)}
                aria-sort={
                  props.sort?.field === c
                    ? props.sort.dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
                }
              >
                <span className="trellis-ellipsis">{props.label(c)}</span>
                {props.sort?.field === c ? (
                  props.sort.dir === 'asc' ? (
                    <ArrowUpOutlined />
                  ) : (
                    <ArrowDownOutlined />
                  )
                ) : null}
              </button>
            ))}
          </div>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row)
                return (
                  <div
                    key="more"
                    className="trellis-table-more"
                    style={{ top: item.start, height: ROW }}
                  >
                    <Spin size="small" />{' '}
                    <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
                  </div>
                );
              return (
                <div
                  key={row.id}
                  role="row"
                  className="trellis-table-row"
                  style={{ top: item.start, height: ROW, gridTemplateColumns: template }}
                >
                  <div role="cell" className="trellis-cell">
                    <Checkbox
                      aria-label={t('list.select')}
                      checked={selected.has(row.id)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(row.id);
                        else next.delete(row.id);
                        props.onSelect(next);
                      }}
                    />
                  </div>
                  {columns.map((c, i) => {
                    const value = props.text(c, row[c]);
                    return (
                      <div
                        key={c}
                        role="cell"
                        className="trellis-cell trellis-ellipsis"
                        title={value}
                      >
                        {i === 0 ? (
                          <Link to={`/records/${props.entity}/${row.id}`}>{value || '—'}</Link>
                        ) : (
                          value
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
