import { Suspense, useCallback, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Dropdown,
  Input,
  Popover,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import {
  DownloadOutlined,
  FilterOutlined,
  PlusOutlined,
  ProjectOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { ApiError } from '../../../lib/api/problem';
import { ShellErrorState as ErrorState } from '../../../components/feedback/ShellErrorState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useLabel } from '../../../lib/i18n/useLabel';
import { exportUrl } from '../../../lib/records/api';
import { SYSTEM_TIMES } from '../../../lib/records/format';
import { defaultColumns } from '../../../lib/records/spec-helpers';
import { useRecordFormat } from '../../../lib/records/useRecordFormat';
import { useSignedIn } from '../../../lib/session/useMe';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';
import { FilterChips } from '../filter/chips-part';
import { isComplete, type FilterModel } from '../filter/filter-model';
import { useViewTotal } from '../hooks/useViewRecords';
import { useViews } from '../hooks/useViews';
import {
  listParamsOf,
  readFilter,
  readSort,
  reportFilter,
  writeFilter,
  writeSort,
} from '../hooks/list-url';
import { FilterBuilder } from './list-parts';
import { ListBody } from './ListBody';
import { defaultListView, rememberListView } from '../hooks/default-view';
import { SaveViewButton } from './SaveViewButton';
import { DeleteViewButton } from './DeleteViewButton';

/** `/records/:entity?view=…`: one entity's records through a view, filtered, sorted, searched. */
export function RecordListPage() {
  const { entity: entityKey = '' } = useParams();
  const spec = useLiveSpec();
  const entity = entityOf(spec, entityKey);
  if (!entity) return <ErrorState error={new ApiError({ status: 404 })} />;
  return <EntityList key={entity.key} entityKey={entity.key} />;
}

function EntityList({ entityKey }: { entityKey: string }) {
  const { t } = useTranslation();
  const spec = useLiveSpec();
  const me = useSignedIn();
  const phone = useIsPhone();
  const label = useLabel();
  const entity = entityOf(spec, entityKey)!;
  const format = useRecordFormat(entity);
  const views = useViews();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  // View, search, filter and sort live in the URL: a list can be reloaded, bookmarked, shared.
  const fParam = params.get('f');
  const filter = useMemo(() => readFilter(fParam), [fParam]);
  const sortParam = params.get('sort');
  const sort = useMemo(() => readSort(sortParam), [sortParam]);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const lists = (views.data ?? []).filter((v) => v.entity === entityKey && v.type === 'list');
  const boards = (views.data ?? []).filter((v) => v.entity === entityKey && v.type === 'board');
  const viewKey =
    params.get('view') ??
    defaultListView(entityKey, lists, { userId: me.user?.id, workbench: me.role.workbench }) ??
    `@${entityKey}`;
  const view = lists.find((v) => v.key === viewKey);
  // Someone else's saved view (a shared link) or a deleted one: said so, never an empty list.
  const unknownView =
    !views.isPending && !view && params.get('view') !== null && !viewKey.startsWith('@');
  const rights = me.entities[entityKey];
  // Fields plus the system fields every reader sees (a view may show when its SLA ran out).
  const visible = new Set([
    ...(rights?.visibleFields ?? []),
    'stage',
    'ownerId',
    'createdBy',
    ...SYSTEM_TIMES,
  ]);
  const columns = (view?.columns?.length ? view.columns : defaultColumns(entity)).filter((c) =>
    visible.has(c),
  );
  // A number on a dashboard opens its records: ?filter=<JSONLogic>&from=<where it came from>.
  const rawReport = params.get('filter');
  const fromReport = useMemo(() => reportFilter(rawReport), [rawReport]);
  const listParams = useMemo(() => listParamsOf(params), [params]);
  const extra = listParams.filter;
  // A view named in the URL loads at once; only the default view waits for the list of views.
  const known = params.get('view') !== null || !views.isPending;
  const listView = !known || unknownView ? '' : viewKey;
  const total = useViewTotal(listView, listParams);
  const setParam = useCallback(
    (key: string, value: string | null) => {
      const next = new URLSearchParams(params);
      if (value) next.set(key, value);
      else next.delete(key);
      setParams(next, { replace: true });
      setSelected(new Set());
    },
    [params, setParams],
  );
  const setFilter = (model: FilterModel) => setParam('f', writeFilter(model));
  const entityName = label(entity.pluralLabel ?? entity.label, entity.key);
  const showAll = useCallback(() => setParam('view', `@${entityKey}`), [setParam, entityKey]);
  // A view's own filter that leaves nothing ("My leads" for someone who owns none) says which
  // view is empty and offers the whole list (the React compiler keeps this object the same
  // while its parts are, as the memoised list body needs).
  const emptyView = view?.filter
    ? { name: label(view.label), all: t('views.all', { entity: entityName }), onShowAll: showAll }
    : undefined;
  const toggleSort = useCallback(
    (field: string) =>
      setParam(
        'sort',
        writeSort(
          sort?.field !== field
            ? { field, dir: 'asc' }
            : sort.dir === 'asc'
              ? { field, dir: 'desc' }
              : null,
        ),
      ),
    [setParam, sort],
  );
  const filterFields = [...(rights?.visibleFields ?? []), 'stage', 'ownerId', 'createdAt'].filter(
    (f) => (f === 'stage' ? format.stages.length > 0 : true),
  );
  const activeFilters = filter.rows.filter(isComplete).length;
  // What the list shows: the view's own filter and the one built here (an export, a new view).
  const exportFilter =
    view?.filter && extra ? { and: [view.filter, extra] } : (extra ?? view?.filter);

  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>
          {label(entity.pluralLabel ?? entity.label, entity.key)}
        </Typography.Title>
        <Space wrap>
          {rights?.create ? (
            <Link to={`/records/${entityKey}/new`}>
              <Button type="primary" icon={<PlusOutlined />}>
                {t('records.new')}
              </Button>
            </Link>
          ) : null}
          {boards[0] ? (
            <Link to={`/board/${boards[0].key}`}>
              <Button icon={<ProjectOutlined />}>{t('board.open')}</Button>
            </Link>
          ) : null}
        </Space>
      </div>
      <div className="trellis-toolbar">
        <Select
          aria-label={t('views.pick')}
          value={viewKey}
          style={{ minWidth: phone ? 140 : 180 }}
          onChange={(v: string) => {
            if (me.user) rememberListView(me.user.id, entityKey, v);
            setParam('view', v);
          }}
          options={[
            ...lists.map((v) => ({
              value: v.key,
              label: v.kind === 'saved' ? `★ ${label(v.label)}` : label(v.label),
            })),
            // The entity's whole list (no view of the spec's, or a dashboard's number opened
            // on it): named by the entity, never by its key "@lead".
            ...(lists.length === 0 || viewKey === `@${entityKey}`
              ? [
                  {
                    value: `@${entityKey}`,
                    label: t('views.all', {
                      entity: label(entity.pluralLabel ?? entity.label, entity.key),
                    }),
                  },
                ]
              : []),
          ]}
        />
        <Input.Search
          aria-label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setParam('q', q.trim() || null)}
          style={{ width: phone ? '100%' : 260 }}
        />
        <Popover
          trigger="click"
          placement="bottomLeft"
          title={t('filter.title')}
          content={
            <div style={{ maxWidth: phone ? 340 : 640 }}>
              <Suspense fallback={<Spin size="small" />}>
                <FilterBuilder
                  entity={entity}
                  fields={filterFields}
                  stages={format.stages}
                  label={format.label}
                  value={filter}
                  onChange={setFilter}
                />
              </Suspense>
            </div>
          }
        >
          <Badge count={activeFilters} size="small">
            <Button icon={<FilterOutlined />} onPointerEnter={FilterBuilder.preload}>
              {t('filter.title')}
            </Button>
          </Badge>
        </Popover>
        {phone ? null : (
          <SaveViewButton
            entity={entityKey}
            columns={columns}
            filter={exportFilter}
            sort={sort}
            onSaved={(v) => setParam('view', v.key)}
          />
        )}
        {view?.kind === 'saved' ? (
          <DeleteViewButton viewKey={view.key} onDeleted={() => setParam('view', null)} />
        ) : null}
        {me.capabilities.includes('export') && !phone ? (
          <Dropdown
            menu={{
              items: (['xlsx', 'csv', 'csv-gbk'] as const).map((f) => ({
                key: f,
                label: (
                  <a
                    href={exportUrl(
                      entityKey,
                      { ...listParams, ...(view ? { view: view.key } : {}) },
                      f,
                    )}
                  >
                    {t(`list.exportAs.${f}`)}
                  </a>
                ),
              })),
            }}
          >
            <Button icon={<DownloadOutlined />}>{t('list.export')}</Button>
          </Dropdown>
        ) : null}
        {me.capabilities.includes('import') && (rights?.create ?? false) && !phone ? (
          <Link to={`/import/${entityKey}`}>
            <Button icon={<UploadOutlined />}>{t('list.import')}</Button>
          </Link>
        ) : null}
        <Typography.Text type="secondary" aria-live="polite">
          {total !== undefined ? t('list.total', { count: total }) : null}
        </Typography.Text>
      </div>
      {activeFilters > 0 ? (
        <Suspense fallback={null}>
          <FilterChips
            entity={entity}
            stages={format.stages}
            label={format.label}
            value={filter}
            onChange={setFilter}
          />
        </Suspense>
      ) : null}
      {fromReport !== undefined ? (
        <Tag
          closable
          color="blue"
          className="trellis-report-filter"
          onClose={() => {
            const next = new URLSearchParams(params);
            next.delete('filter');
            next.delete('from');
            setParams(next, { replace: true });
          }}
        >
          {params.get('from')
            ? t('list.fromReport', { name: params.get('from') })
            : // A link with a filter from elsewhere (not a dashboard): "from the dashboard:" with
              // no name read as broken.
              t('list.fromLink')}
        </Tag>
      ) : null}
      {views.isError ? (
        <ErrorState error={views.error} onRetry={() => void views.refetch()} />
      ) : unknownView ? (
        <EmptyState
          description={t('views.notFound')}
          action={<Button onClick={() => setParam('view', null)}>{t('views.openDefault')}</Button>}
        />
      ) : (
        <ListBody
          entity={entity}
          view={listView}
          params={listParams}
          waiting={views.isPending}
          columnKey={columns.join(',')}
          stages={format.stages}
          label={format.label}
          text={format.text}
          width={format.width}
          sort={sort}
          onSort={toggleSort}
          selected={selected}
          onSelect={setSelected}
          canDelete={(rights?.delete ?? 'none') !== 'none'}
          narrowed={!!params.get('q') || activeFilters > 0 || fromReport !== undefined}
          emptyView={emptyView}
          phone={phone}
        />
      )}
    </div>
  );
}
