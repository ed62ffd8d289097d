import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type RefObject,
} from 'react';
import { Checkbox } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import {
  observeElementRect,
  type Range,
  type Rect,
  type VirtualItem,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fixedWindow, windowSize } from '../../../lib/records/row-window';
import { useRowVirtualizer } from '../../../lib/records/row-virtualizer';
import { canvasMeasure, cutter, type CutText } from '../../../lib/records/text-cut';
import { useColumnRoom } from '../../../lib/records/useColumnRoom';
import type { RecordData } from '../../../lib/records/types';

type Sort = { field: string; dir: 'asc' | 'desc' } | null;

type Props = {
  entity: string;
  columns: string[];
  rows: RecordData[];
  label: (key: string) => string;
  text: (key: string, value: unknown) => string;
  /** The least width of a column in pixels (by field type). */
  width: (key: string) => number;
  sort: Sort;
  onSort: (field: string) => void;
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

const ROW = 40;
// Rows coming into view render in the scroll event, before the frame paints: a few either side
// is enough, and every row in the DOM costs each frame's layout and paint.
const OVERSCAN = 4;

/**
 * The list's rows, virtualised: only the rows on screen are in the DOM, so 100,000 records
 * scroll as smoothly as 100; the next page loads when the end comes into view.
 *
 * While scrolling nothing renders: the rows coming into view are written by their slots' rows in
 * the scroll event (`useRowVirtualizer`). The rows' container renders when the window changes
 * shape (the loading row comes or goes, the view's height changes); the header, its Ant Design
 * checkbox and the UI strings when the rows, the selection or the sort change.
 */
export const RecordTable = memo(function RecordTable(props: Props) {
  const { t } = useTranslation();
  const { rows, selected, columns, width, onSelect } = props;
  // The scrolling box, as state: the rows' virtualiser is a child of it, whose effects run
  // before a ref on the box would be set.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [head, setHead] = useState<HTMLDivElement | null>(null);
  const {
    widths,
    minWidth,
    room: least,
  } = useMemo(() => {
    const widths = columns.map((c) => width(c));
    return {
      widths,
      // The least room a cell's text has: its column's least width less the padding.
      room: widths.map((w) => w - 24),
      // Every row the same width: the columns line up whatever each row holds.
      minWidth: 40 + widths.reduce((a, b) => a + b, 0),
    };
  }, [columns, width]);
  // The room each column's text has as laid out (its least until the header is).
  const fitted = useColumnRoom(head, least);
  const room = fitted.length === least.length ? fitted : least;
  // Every row selected: only possible when as many are selected as there are rows.
  const allChecked =
    rows.length > 0 && selected.size >= rows.length && rows.every((r) => selected.has(r.id));
  // Stable across renders, so the memoised rows already on screen do not render again while
  // scrolling or when a page arrives: only the rows coming into view do. The latest selection
  // is read when a box is clicked.
  const latest = useRef({ selected, rows, onSelect });
  useEffect(() => {
    latest.current = { selected, rows, onSelect };
  }, [selected, rows, onSelect]);
  const toggle = useCallback((id: string, on: boolean) => {
    const next = new Set(latest.current.selected);
    if (on) next.add(id);
    else next.delete(id);
    latest.current.onSelect(next);
  }, []);
  const toggleAll = useCallback((on: boolean) => {
    latest.current.onSelect(on ? new Set(latest.current.rows.map((r) => r.id)) : new Set());
  }, []);
  return (
    <div className="trellis-table" role="table" aria-rowcount={rows.length + 1}>
      <div ref={setScroller} className="trellis-table-scroll">
        <div style={{ minWidth }}>
          <TableHead
            element={setHead}
            columns={columns}
            widths={widths}
            label={props.label}
            sort={props.sort}
            onSort={props.onSort}
            allChecked={allChecked}
            someChecked={selected.size > 0}
            onToggleAll={toggleAll}
            selectAllLabel={t('list.selectAll')}
          />
          <TableRows
            scroller={scroller}
            entity={props.entity}
            rows={rows}
            columns={columns}
            room={room}
            widths={widths}
            text={props.text}
            selected={selected}
            onToggle={toggle}
            hasMore={props.hasMore}
            loadingMore={props.loadingMore}
            onLoadMore={props.onLoadMore}
            selectLabel={t('list.select')}
            loadingLabel={t('common.loading')}
          />
        </div>
      </div>
    </div>
  );
});

type HeadProps = {
  element: (el: HTMLDivElement | null) => void;
  columns: string[];
  widths: number[];
  label: (key: string) => string;
  sort: Sort;
  onSort: (field: string) => void;
  allChecked: boolean;
  someChecked: boolean;
  onToggleAll: (on: boolean) => void;
  selectAllLabel: string;
};

/** The column headers (sort by a click) and the select-all box. */
const TableHead = memo(function TableHead({ element, ...p }: HeadProps) {
  return (
    <div ref={element} className="trellis-table-head" role="row" aria-rowindex={1}>
      <div role="columnheader" className="trellis-cell trellis-check-cell">
        <Checkbox
          aria-label={p.selectAllLabel}
          checked={p.allChecked}
          indeterminate={!p.allChecked && p.someChecked}
          onChange={(e) => p.onToggleAll(e.target.checked)}
        />
      </div>
      {p.columns.map((c, i) => (
        <button
          key={c}
          type="button"
          role="columnheader"
          className="trellis-cell trellis-sort"
          style={{ minWidth: p.widths[i] }}
          onClick={() => p.onSort(c)}
          aria-sort={
            p.sort?.field === c ? (p.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
          }
        >
          <span className="trellis-ellipsis">{p.label(c)}</span>
          {p.sort?.field === c ? (
            p.sort.dir === 'asc' ? (
              <ArrowUpOutlined />
            ) : (
              <ArrowDownOutlined />
            )
          ) : null}
        </button>
      ))}
    </div>
  );
});

type RowsProps = {
  scroller: HTMLDivElement | null;
  entity: string;
  rows: RecordData[];
  columns: string[];
  room: number[];
  widths: number[];
  text: (key: string, value: unknown) => string;
  selected: Set<string>;
  onToggle: (id: string, on: boolean) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selectLabel: string;
  loadingLabel: string;
};

/**
 * The window's shape: how many rows it holds and where the loading row is. React renders the
 * rows' container only when it changes; within one shape the rows show their records themselves.
 */
const shapeOf = (items: VirtualItem[], rows: number) =>
  `${items.length}|${items.find((i) => i.index >= rows)?.index ?? -1}`;

/** The rows in view (and a few either side), positioned in a box as tall as all of them. */
function TableRows(p: RowsProps) {
  const { rows, scroller, hasMore, loadingMore, onLoadMore } = p;
  // Rows are recycled: a row's elements belong to a slot, its index modulo the window's size,
  // and are rendered in slot order, so the row scrolling out hands them to the row coming in,
  // which changes only their text and place. Made, styled and removed anew, ten rows' elements
  // were most of a scrolled frame's work. The window always holds the same number of rows
  // (`fixedWindow`): one row shorter for a frame, it would drop a slot and make it again the
  // next. Its size follows the view's height (all slots are made again when that changes).
  const viewHeight = useRef(0);
  const observeRect = useCallback(
    (instance: Virtualizer<HTMLDivElement, Element>, onRect: (rect: Rect) => void) =>
      observeElementRect(instance, (rect) => {
        viewHeight.current = rect.height;
        onRect(rect);
      }),
    [],
  );
  const rangeExtractor = useCallback(
    (range: Range) => fixedWindow(range, windowSize(range, viewHeight.current, ROW)),
    [],
  );
  // Each slot's row shows its record by writing its elements directly (`RowHandle`), before the
  // frame is painted: rendered by React, the ten rows coming into view each frame were most of
  // a scrolled frame's script (each row's eleven elements compared and written again).
  const [handles] = useState(() => new Map<number, RowHandle>());
  // Focus a row let go of because its record moved to another slot (the window's size changed
  // with the view's height) or its slot was removed: taken up again by the record's new row in
  // the same pass, so a keyboard user keeps their place. A record that left the window lets it go.
  const droppedRef: DroppedFocus = useRef(null);
  // Cuts a text to its cell's room in the cells' font, read from the first cell shown (the
  // same for every cell and its link: app.css).
  const [cuts] = useState(() => new Map<'cut', (text: string, px: number) => CutText>());
  const cut = useCallback<Shows['cut']>(
    (value, px, cell) => {
      let known = cuts.get('cut');
      if (!known) {
        const style = getComputedStyle(cell);
        const font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        known = cutter(canvasMeasure(font), parseFloat(style.fontSize) || 14);
        cuts.set('cut', known);
      }
      return known(value, px);
    },
    [cuts],
  );
  const { columns, room, text, entity, selected } = p;
  const show = (items: VirtualItem[]) => {
    const shows = { columns, room, text, entity, cut };
    const slots = items.length;
    for (const item of items) {
      const row = rows[item.index];
      if (row)
        handles
          .get(item.index % slots)
          ?.show(row, item.index, item.start, selected.has(row.id), shows, droppedRef);
    }
    const lost = droppedRef.current;
    droppedRef.current = null;
    if (lost) for (const h of handles.values()) if (h.focusIf(lost)) break;
  };
  // The next page is asked once the last row comes into view, once for each number of rows
  // (again after a failed page): asked twice, the second request would cancel the first.
  const asked = useRef(-1);
  useEffect(() => {
    if (!loadingMore) asked.current = -1;
  }, [loadingMore]);
  const askMore = (items: VirtualItem[]) => {
    const last = items[items.length - 1];
    if (!last || last.index < rows.length - 1 || !hasMore || loadingMore) return;
    if (asked.current === rows.length) return;
    asked.current = rows.length;
    onLoadMore();
  };
  // The shape this container last rendered: while scrolling keeps it, the rows in view are
  // shown in the scroll event itself and nothing renders.
  const rendered = useRef('');
  const virtual = useRowVirtualizer(
    {
      count: rows.length + (hasMore ? 1 : 0),
      getScrollElement: () => scroller,
      estimateSize: () => ROW,
      overscan: OVERSCAN,
      observeElementRect: observeRect,
      rangeExtractor,
    },
    (instance) => {
      const items = instance.getVirtualItems();
      if (shapeOf(items, rows.length) !== rendered.current) return false;
      show(items);
      askMore(items);
      return true;
    },
  );
  const items = virtual.getVirtualItems();
  const slots = items.length;
  const bySlot = [...items].sort((a, b) => (a.index % slots) - (b.index % slots));
  const shape = shapeOf(items, rows.length);
  useLayoutEffect(() => {
    rendered.current = shape;
    show(items);
  });
  useEffect(() => askMore(items));
  const style = { height: virtual.getTotalSize() };
  // One click handler for every row's link: a router `Link` per row cost each row coming into
  // view its hooks. A plain click opens the record in the app; a modified or middle click is
  // the browser's (a new tab).
  const navigate = useNavigate();
  const open = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const link = (e.target as Element).closest('a[data-record]');
      if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      void navigate(link.getAttribute('href')!);
    },
    [navigate],
  );
  // The same elements for the same columns: a row's cells are made again only when they change.
  const columnKey = columns.join(',');
  return (
    <div className="trellis-table-body" style={style} onClick={open}>
      {bySlot.map((item) => {
        const row = rows[item.index];
        if (!row)
          return (
            // Plain elements: Ant Design's Spin added and removed its styles as this row came
            // and went with each page, restyling the whole document mid-scroll.
            <div
              key="more"
              className="trellis-table-more"
              role="status"
              style={{ top: item.start, height: ROW }}
            >
              <span className="trellis-spinner" aria-hidden />
              {p.loadingLabel}
            </div>
          );
        const slot = item.index % slots;
        return (
          <TableRow
            key={`${slot}|${columnKey}`}
            slot={slot}
            handles={handles}
            droppedRef={droppedRef}
            columns={columns}
            widths={p.widths}
            selectLabel={p.selectLabel}
            onToggle={p.onToggle}
          />
        );
      })}
    </div>
  );
}

/** What a row shows depends on, beside its record: the same for every row of the list. */
type Shows = {
  columns: string[];
  /** Each column's room for its text, in pixels (`useColumnRoom`). */
  room: number[];
  text: (key: string, value: unknown) => string;
  entity: string;
  /** A text as it fits `px` in the cells' font (`cutToFit`). */
  cut: (text: string, px: number, cell: HTMLElement) => CutText;
};

/** The record and control (its box or its link) that held focus when its row let it go. */
type DroppedFocus = RefObject<{ id: string; control: 'box' | 'link' } | null>;

/** A slot's row, shown for a record (its elements written only where they change). */
type RowHandle = {
  show(
    row: RecordData,
    index: number,
    top: number,
    checked: boolean,
    shows: Shows,
    droppedRef: DroppedFocus,
  ): void;
  /** Focuses the same control of this row if it shows the record that lost it; true if so. */
  focusIf(lost: NonNullable<DroppedFocus['current']>): boolean;
};

type RowProps = {
  slot: number;
  handles: Map<number, RowHandle>;
  droppedRef: DroppedFocus;
  columns: string[];
  /** Each column's least width (its share of the row's free width beside). */
  widths: number[];
  selectLabel: string;
  onToggle: (id: string, on: boolean) => void;
};

/**
 * One slot's row, as little as a row can be: dozens come into view per frame while scrolling
 * fast. React makes its elements once (for its columns); the record it shows, its place and its
 * box are written by its handle, so a row coming into view renders nothing. A native checkbox
 * (styled like Ant Design's by CSS): Ant Design's Checkbox cost each one its style hooks and
 * wave effect. Cells are plain blocks (app.css `trellis-td`), the row's height and columns
 * come from CSS, and it is laid out on its own (`contain`).
 */
const TableRow = memo(function TableRow(p: RowProps) {
  const element = useRef<HTMLDivElement>(null);
  const { slot, handles, droppedRef } = p;
  useLayoutEffect(() => {
    const el = element.current!;
    const box = el.querySelector<HTMLInputElement>('input')!;
    const cells = [...el.children].slice(1) as HTMLElement[];
    const link = cells[0]?.firstElementChild as HTMLAnchorElement | null;
    // Each cell's text is one text node, written through its data: replacing a cell's text
    // (textContent) removed its node and made a new one in every scrolled frame.
    const texts = cells.map((cell, i) =>
      (i === 0 && link ? link : cell).appendChild(document.createTextNode('')),
    );
    let id: string | undefined;
    // Per column: the room its text was last fitted to, and whether it had to be cut there.
    type Fit = { room: number; cut: boolean };
    let shown: {
      row?: RecordData;
      index?: number;
      top?: number;
      shows?: Shows;
      values: string[];
      fits: Fit[];
    } = { values: [], fits: [] };
    /** The control of this row that holds focus, if one does. */
    const holding = (): 'box' | 'link' | null => {
      const focused = document.activeElement;
      if (!(focused instanceof HTMLElement) || !el.contains(focused)) return null;
      return focused === box ? 'box' : 'link';
    };
    const handle: RowHandle = {
      show(row, index, top, checked, shows, droppedRef) {
        const last = shown.shows;
        // The same texts in the same columns: only the room may have changed (a resize).
        const sameTexts =
          last !== undefined &&
          shows.text === last.text &&
          shows.cut === last.cut &&
          shows.columns === last.columns &&
          shows.entity === last.entity;
        const same = sameTexts && shows.room === last.room;
        if (row.id !== id) {
          // Recycled for another record: focus does not stay on the last record's box or link
          // (as it did not when the row's elements were removed); the pass gives it to the
          // record's new row if it is still in the window.
          const control = id === undefined ? null : holding();
          if (control) {
            droppedRef.current = { id: id!, control };
            (document.activeElement as HTMLElement).blur();
          }
          id = row.id;
          el.dataset.id = row.id;
          link?.setAttribute('href', `/records/${shows.entity}/${row.id}`);
        }
        if (index !== shown.index) el.setAttribute('aria-rowindex', String(index + 2));
        if (top !== shown.top) el.style.top = `${top}px`;
        if (box.checked !== checked) box.checked = checked;
        if (row === shown.row && same) {
          shown = { ...shown, index, top };
          return;
        }
        // A cell's text is written only when it changes (the same record's row again after a
        // page arrived, a live update). New texts (the phone and region libraries arrived)
        // write every cell again; new room (a resized window) only the cells it changes: a
        // text that fitted still fits in more room, and one cut again to the same length
        // is not written.
        const values = sameTexts ? shown.values : [];
        const fits = sameTexts ? shown.fits : [];
        shows.columns.forEach((c, i) => {
          const value = shows.text(c, row[c]);
          const room = shows.room[i]!;
          const fit = fits[i];
          if (values[i] === value && fit && (fit.room === room || (!fit.cut && room >= fit.room)))
            return;
          values[i] = value;
          const cell = cells[i]!;
          // Cut to its room here, the whole text in its title: a cell CSS clips (overflow and
          // an ellipsis) was a clip of its own to paint in every scrolled frame.
          const { shown: fitted, cut } = shows.cut(i === 0 ? value || '—' : value, room, cell);
          fits[i] = { room, cut };
          if (cut) {
            if (cell.title !== value) cell.title = value;
          } else if (cell.title) cell.removeAttribute('title');
          if (texts[i]!.data !== fitted) texts[i]!.data = fitted;
        });
        shown = { row, index, top, shows, values, fits };
      },
      focusIf(lost) {
        if (lost.id !== id) return false;
        (lost.control === 'box' ? box : link)?.focus({ preventScroll: true });
        return true;
      },
    };
    handles.set(slot, handle);
    return () => {
      if (handles.get(slot) === handle) handles.delete(slot);
      // A slot removed (a shorter window) while its row held focus: its record's row, if still
      // in the window, takes it (the elements are still in the document here).
      const control = id === undefined ? null : holding();
      if (control) droppedRef.current = { id: id!, control };
    };
  }, [slot, handles, droppedRef]);
  const { onToggle } = p;
  return (
    <div ref={element} role="row" className="trellis-table-row">
      <div role="cell" className="trellis-cell trellis-check-cell">
        <input
          type="checkbox"
          className="trellis-row-check"
          aria-label={p.selectLabel}
          onChange={(e) => {
            const id = element.current?.dataset.id;
            if (id) onToggle(id, e.target.checked);
          }}
        />
      </div>
      {p.columns.map((c, i) => (
        <div key={c} role="cell" className="trellis-td" style={{ minWidth: p.widths[i] }}>
          {i === 0 ? <a data-record="" /> : null}
        </div>
      ))}
    </div>
  );
});
