import { useState } from 'react';
import { App, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { NoTeamNote } from '../../../components/records/NoTeamNote';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { StageMoveDialog, type Refusal } from '../../../components/records/StageMoveDialog';
import { errorText } from '../../../lib/api/error-text';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { moveStage } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { titleOf } from '../../../lib/records/spec-helpers';
import type { RecordData, View } from '../../../lib/records/types';
import { useRecordFormat } from '../../../lib/records/useRecordFormat';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';
import { boardGroupsQuery, boardViewsQuery, moneyFieldsOf } from '../hooks/board-queries';
import { BoardColumn } from './BoardColumn';

/** `/board/:view`: a column per stage with counts and sums; drag a card to move its stage. */
export function BoardPage() {
  const { view: key = '' } = useParams();
  const views = useQuery(boardViewsQuery);
  if (views.isPending) return <LoadingState rows={8} />;
  if (views.isError) return <ErrorState error={views.error} onRetry={() => void views.refetch()} />;
  const view = views.data.find((v) => v.key === key);
  if (!view) return <ErrorState error={new ApiError({ status: 404 })} />;
  return <Board view={view} />;
}

function Board({ view }: { view: View }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  const spec = useLiveSpec();
  const entity = entityOf(spec, view.entity)!;
  const format = useRecordFormat(entity);
  const client = useQueryClient();
  const money = moneyFieldsOf(entity);
  const groups = useQuery(boardGroupsQuery(view.key, money));
  const [dragging, setDragging] = useState<RecordData | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const move = useMutation({
    mutationFn: ({ record, stage }: { record: RecordData; stage: string }) =>
      moveStage(entity.key, record.id, stage, { version: record.version }),
    onSuccess: () => message.success(t('stage.moved')),
    onError: (err, { record, stage }) => {
      const target = format.stages.find((s) => s.key === stage);
      if (err instanceof ApiError && err.status === 422)
        setRefusal({
          entity: entity.key,
          record,
          stage,
          stageLabel: label(target?.label, stage),
          error: err,
        });
      else message.error(errorText(err, t));
    },
    onSettled: () => refresh(),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: recordKeys.lists() });
    void client.invalidateQueries({ queryKey: [...recordKeys.all, 'groups'] });
  };
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const record = e.active.data.current?.record as RecordData | undefined;
    const stage = e.over?.id ? String(e.over.id) : null;
    if (record && stage && stage !== record.stage) move.mutate({ record, stage });
  };
  const cardFields = (view.columns ?? []).filter((c) => c !== entity.titleField && c !== 'stage');
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{label(view.label, view.key)}</Typography.Title>
      </div>
      <NoTeamNote filter={view.filter} />
      {groups.isError ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      ) : null}
      <DndContext
        sensors={sensors}
        onDragStart={(e) => setDragging((e.active.data.current?.record as RecordData) ?? null)}
        onDragCancel={() => setDragging(null)}
        onDragEnd={onDragEnd}
      >
        <div className="trellis-board">
          {format.stages.map((s) => {
            const group = groups.data?.find((g) => g.value === s.key);
            const sum = money[0] ? group?.sums[money[0]] : null;
            return (
              <BoardColumn
                key={s.key}
                view={view.key}
                entity={entity}
                by="stage"
                value={s.key}
                title={label(s.label, s.key)}
                {...(s.color ? { color: s.color } : {})}
                group={group}
                sumText={sum ? `${format.label(money[0]!)} ${format.text(money[0]!, sum)}` : ''}
                cardFields={cardFields}
                text={format.text}
                titleOf={(r) => titleOf(entity, r)}
              />
            );
          })}
        </div>
        <DragOverlay>
          {dragging ? (
            <div className="trellis-board-card trellis-board-drag">{titleOf(entity, dragging)}</div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <StageMoveDialog
        refusal={refusal}
        onClose={() => setRefusal(null)}
        onMoved={() => {
          setRefusal(null);
          refresh();
          message.success(t('stage.moved'));
        }}
      />
    </div>
  );
}
