import {
  memo,
  Suspense,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../lib/api/problem';
import { TaskList } from '../../../components/work/TaskList';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { RecordActions } from '../../../lib/records/record-slots';
import { useLabel } from '../../../lib/i18n/useLabel';
import { markRecordShown } from '../../../lib/load/record-marks';
import { titleOf } from '../../../lib/records/spec-helpers';
import { useRecordFormat } from '../../../lib/records/useRecordFormat';
import { useSignedIn } from '../../../lib/session/useMe';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';
import type { RecordData } from '../../../lib/records/types';
import { useRecord, useTimeline } from '../hooks/useRecord';
import { LogActivity } from './LogActivity';
import { RecordDetails } from './RecordDetails';
import { preloadRecordPageParts, RecordEditor } from './record-page-parts';
import { StageBar } from './StageBar';
import { Timeline } from './Timeline';

/** How long after a record shows the code of its parts shown only on a click starts loading. */
const PARTS_AFTER_MS = 1000;

/** `/records/:entity/:id`: stage bar, the record, log a follow-up, tasks and the timeline. */
export function RecordPage() {
  const { entity: entityKey = '', id = '' } = useParams();
  const spec = useLiveSpec();
  const entity = entityOf(spec, entityKey);
  const record = useRecord(entityKey, id);
  if (!entity) return <ErrorState error={new ApiError({ status: 404 })} />;
  if (record.isPending) return <LoadingState rows={10} />;
  if (record.isError)
    return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  return <RecordView entityKey={entityKey} id={id} />;
}

function RecordView({ entityKey, id }: { entityKey: string; id: string }) {
  const { t } = useTranslation();
  const spec = useLiveSpec();
  const me = useSignedIn();
  const phone = useIsPhone();
  const label = useLabel();
  const entity = entityOf(spec, entityKey)!;
  const record = useRecord(entityKey, id).data!;
  const format = useRecordFormat(entity);
  const rights = me.entities[entityKey];
  const visibleFields = rights?.visibleFields;
  const visible = useMemo(
    () => new Set([...(visibleFields ?? []), 'ownerId', 'createdAt']),
    [visibleFields],
  );
  const stage = format.stages.find((s) => s.key === record.stage);
  const [editing, setEditing] = useState(false);
  const canEdit = (rights?.update ?? 'none') !== 'none';
  // The page's own part of an opening, for the bench and DevTools (lib/load/record-marks).
  useLayoutEffect(() => markRecordShown(id), [id]);
  // The edit form's and the stage dialog's code a second after the page is on screen, when the
  // browser has a moment (a pointer on Edit asks at once), so a click on Edit finds it there. Not
  // at the first idle moment: in traces that came 300–700 ms after the click (load 11–12), and
  // its 45–60 ms (Vite's preload helper adding the form runtime's links, compiling, running it,
  // Chrome building its code cache) ran while the timeline came in and the page was first used.
  useEffect(() => {
    let idle: number | undefined;
    const settled = setTimeout(() => {
      if (typeof requestIdleCallback !== 'function') return preloadRecordPageParts();
      idle = requestIdleCallback(preloadRecordPageParts, { timeout: 1000 });
    }, PARTS_AFTER_MS);
    return () => {
      clearTimeout(settled);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, []);
  return (
    <div>
      <div className="trellis-page-title">
        <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
          <Link to={`/records/${entityKey}`}>
            <Typography.Text type="secondary">
              {label(entity.pluralLabel ?? entity.label)}
            </Typography.Text>
          </Link>
          <Typography.Title level={3} className="trellis-ellipsis">
            {titleOf(entity, record)}
          </Typography.Title>
        </Space>
        <Space wrap>
          {/* On a phone the stage bar right below shows the stage as this tag, beside its move. */}
          {stage && !phone ? (
            <Tag color={stage.color ?? 'blue'}>{label(stage.label, stage.key)}</Tag>
          ) : null}
          {record.ownerId ? (
            <Typography.Text type="secondary">
              {t('records.ownedBy', { name: format.userName(record.ownerId) })}
            </Typography.Text>
          ) : (
            <Tag>{t('records.pool')}</Tag>
          )}
          <RecordActions entity={entity} record={record} />
        </Space>
      </div>
      {format.stages.length > 0 ? (
        <StageBar
          entity={entity}
          record={record}
          stages={format.stages}
          fieldLabel={format.label}
          canMove={canEdit}
        />
      ) : null}
      {/* Two columns from Ant Design's lg (992 px), the follow-up side first on a phone (app.css):
          a CSS grid, not Row and Col (three components and a breakpoint subscription). */}
      <div className="trellis-record-layout">
        <div className="trellis-record-main">
          <Card
            size="small"
            title={t('records.details')}
            extra={
              canEdit && !editing ? (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onPointerEnter={RecordEditor.preload}
                  onFocus={RecordEditor.preload}
                  onClick={() => setEditing(true)}
                >
                  {t('records.edit')}
                </Button>
              ) : null
            }
          >
            {editing ? (
              <Suspense fallback={<LoadingState rows={6} />}>
                <RecordEditor entity={entityKey} record={record} onDone={() => setEditing(false)} />
              </Suspense>
            ) : (
              <RecordDetails
                entity={entity}
                record={record}
                visible={visible}
                label={format.label}
                text={format.text}
                columns={phone ? 1 : 2}
              />
            )}
          </Card>
        </div>
        <div className="trellis-record-side">
          <RecordSide entityKey={entityKey} id={id} record={record} format={format} />
        </div>
      </div>
    </div>
  );
}

type Format = ReturnType<typeof useRecordFormat>;

/**
 * The follow-up box, the open tasks and the timeline. They render after the record, in a second
 * pass React may interrupt (they cost as much again as the record itself), and that pass renders
 * this column only. Memoised: the record's page rendering again (its answer, an edit) does not
 * draw them again unless the record itself changed.
 */
const RecordSide = memo(function RecordSide({
  entityKey,
  id,
  record,
  format,
}: {
  entityKey: string;
  id: string;
  record: RecordData;
  format: Format;
}) {
  const { t } = useTranslation();
  const spec = useLiveSpec();
  const entity = entityOf(spec, entityKey)!;
  const showRest = useDeferredValue(true, false);
  return (
    // A plain column, not a vertical Space: Space is inline-flex, so it sat on a line box 8 px
    // below the record's card beside it.
    <div className="trellis-record-side-cards">
      <Card size="small" title={t('activity.title')} loading={!showRest}>
        {showRest ? <LogActivity entity={entityKey} record={record} text={format.text} /> : null}
      </Card>
      <Card size="small" title={t('tasks.title')} loading={!showRest}>
        {showRest ? <OpenTasks entityKey={entityKey} id={id} /> : null}
      </Card>
      <Card size="small" title={t('timeline.title')} loading={!showRest}>
        {showRest ? <Timeline entity={entity} id={id} format={format} /> : null}
      </Card>
    </div>
  );
});

/**
 * The record's open tasks, from its timeline. The timeline's answer (which arrives after the
 * record is drawn) renders this list and the timeline, not the whole page.
 */
function OpenTasks({ entityKey, id }: { entityKey: string; id: string }) {
  const timeline = useTimeline(entityKey, id);
  const openTasks = useMemo(
    () =>
      (timeline.data ?? [])
        .filter((e) => e.kind === 'task' && e.task?.status === 'open')
        .map((e) => e.task!),
    [timeline.data],
  );
  return <TaskList tasks={openTasks} />;
}
