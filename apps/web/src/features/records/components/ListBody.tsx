import { memo, Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { ShellErrorState as ErrorState } from '../../../components/feedback/ShellErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { OpenedOnce } from '../../../components/OpenedOnce';
import { afterFirstRows, firstRowsShown } from '../../../lib/load/after-first-rows';
import { titleOf, type Stage } from '../../../lib/records/spec-helpers';
import type { ListParams } from '../../../lib/records/types';
import { useRelationText } from '../../../lib/records/useRelationText';
import type { Sort } from '../hooks/list-url';
import { useViewRecords } from '../hooks/useViewRecords';
import { BulkBar, preloadListParts } from './list-parts';
import { RecordCardList } from './RecordCardList';
import { RecordTable } from './RecordTable';

type Props = {
  entity: EntitySpec;
  /** The view whose records show; '' while it is not known yet (nothing is asked). */
  view: string;
  params: ListParams;
  /** Waiting for something else the list needs (the views, for its columns). */
  waiting: boolean;
  /** The columns, comma-separated: the same columns are the same prop, whatever array they came in. */
  columnKey: string;
  stages: Stage[];
  label: (key: string) => string;
  text: (key: string, value: unknown) => string;
  width: (key: string) => number;
  sort: Sort;
  onSort: (field: string) => void;
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
  canDelete: boolean;
  /** Search, a filter or a report's numbers narrow the list: an empty list says so. */
  narrowed: boolean;
  /** A view with a filter of its own: its name, and the way to the entity's whole list. */
  emptyView?: { name: string; all: string; onShowAll: () => void };
  phone: boolean;
};

/**
 * A view's rows under the list's toolbar: the bulk bar over the selection, then the table (cards
 * on a phone) or its loading, error or empty state. The only part of the list page that renders
 * again as pages of rows arrive while scrolling: the title and the toolbar above do not.
 */
export const ListBody = memo(function ListBody(p: Props) {
  const { t } = useTranslation();
  const list = useViewRecords(p.view, p.params);
  const { rows, fetchNextPage, refetch } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  // The bulk bar names a refused record by its title when the server answers: the rows are
  // read then, so a page of rows arriving does not render the bar again.
  const rowsNow = useRef(rows);
  useEffect(() => {
    rowsNow.current = rows;
  }, [rows]);
  const { entity, onSelect } = p;
  const titleOfId = useCallback(
    (id: string) => {
      const row = rowsNow.current.find((r) => r.id === id);
      return row ? titleOf(entity, row) : id;
    },
    [entity],
  );
  // Once rows are on screen: what a click on them opens loads (this list's dialogs here, the
  // record page's code through the route), not before, where it delayed the rows.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (!hasRows) return;
    firstRowsShown();
    afterFirstRows(preloadListParts);
  }, [hasRows]);
  const { columnKey } = p;
  const columns = useMemo(() => columnKey.split(',').filter(Boolean), [columnKey]);
  const text = useRelationText(entity, columns, rows, p.text);
  const ids = useMemo(() => [...p.selected], [p.selected]);
  const clear = useCallback(() => onSelect(new Set()), [onSelect]);
  return (
    <>
      {/* From the first selection on: it stays, to list what a bulk action could not change. */}
      <OpenedOnce open={ids.length > 0}>
        <Suspense fallback={null}>
          <BulkBar
            entity={entity.key}
            ids={ids}
            stages={p.stages}
            canDelete={p.canDelete}
            titleOf={titleOfId}
            onDone={clear}
          />
        </Suspense>
      </OpenedOnce>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void refetch()} />
      ) : list.isPending || p.waiting ? (
        <LoadingState rows={8} />
      ) : rows.length === 0 ? (
        <EmptyState
          description={
            p.narrowed
              ? t('list.noMatch')
              : p.emptyView
                ? t('list.emptyView', { view: p.emptyView.name })
                : t('list.empty')
          }
          action={
            !p.narrowed && p.emptyView ? (
              <Button onClick={p.emptyView.onShowAll}>{p.emptyView.all}</Button>
            ) : undefined
          }
        />
      ) : p.phone ? (
        <RecordCardList
          entity={entity.key}
          columns={columns}
          rows={rows}
          text={text}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={loadMore}
        />
      ) : (
        <RecordTable
          entity={entity.key}
          columns={columns}
          rows={rows}
          label={p.label}
          text={text}
          width={p.width}
          sort={p.sort}
          onSort={p.onSort}
          selected={p.selected}
          onSelect={onSelect}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={loadMore}
        />
      )}
    </>
  );
});
