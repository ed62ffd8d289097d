import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
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
  const { rows, selected } = props;
  // The same columns as the same array: the page computes them anew on each render.
  const columnKey = props.columns.join(',');
  const columns = useMemo(() => columnKey.split(',').filter(Boolean), [columnKey]);
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
  // Stable across renders, so the memoised rows already on screen do not render again while
  // scrolling or when a page arrives: only the rows coming into view do.
  const latest = useRef({ selected, onSelect: props.onSelect });
  latest.current = { selected, onSelect: props.onSelect };
  const toggle = useCallback((id: string, on: boolean) => {
    const next = new Set(latest.current.selected);
    if (on) next.add(id);
    else next.delete(id);
    latest.current.onSelect(next);
  }, []);
  const selectLabel = t('list.select');
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
                <TableRow
                  key={row.id}
                  row={row}
                  top={item.start}
                  template={template}
                  columns={columns}
                  entity={props.entity}
                  text={props.text}
                  checked={selected.has(row.id)}
                  selectLabel={selectLabel}
                  onToggle={toggle}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

type RowProps = {
  row: RecordData;
  top: number;
  template: string;
  columns: string[];
  entity: string;
  text: (key: string, value: unknown) => string;
  checked: boolean;
  selectLabel: string;
  onToggle: (id: string, on: boolean) => void;
};

/**
 * One record's row. A native checkbox (styled like Ant Design's by CSS): dozens of rows come
 * into view per frame while scrolling fast, and Ant Design's Checkbox costs each one its style
 * hooks and wave effect.
 */
const TableRow = memo(function TableRow(p: RowProps) {
  return (
    <div
      role="row"
      className="trellis-table-row"
      style={{ top: p.top, height: ROW, gridTemplateColumns: p.template }}
    >
      <div role="cell" className="trellis-cell">
        <input
          type="checkbox"
          className="trellis-row-check"
          aria-label={p.selectLabel}
          checked={p.checked}
          onChange={(e) => p.onToggle(p.row.id, e.target.checked)}
        />
      </div>
      {p.columns.map((c, i) => {
        const value = p.text(c, p.row[c]);
        return (
          <div key={c} role="cell" className="trellis-cell trellis-ellipsis" title={value}>
            {i === 0 ? <Link to={`/records/${p.entity}/${p.row.id}`}>{value || '—'}</Link> : value}
          </div>
        );
      })}
    </div>
  );
});
