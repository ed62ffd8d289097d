import { memo, Suspense, useState } from 'react';
import { App, Select, Space, Steps, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { OpenedOnce } from '../../../components/OpenedOnce';
import type { Refusal } from '../../../components/records/StageMoveDialog';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { errorText } from '../../../lib/api/error-text';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { moveStage } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { Stage } from '../../../lib/records/spec-helpers';
import type { RecordData } from '../../../lib/records/types';
import { StageMoveDialog } from './record-page-parts';

type Props = {
  entity: EntitySpec;
  record: RecordData;
  stages: Stage[];
  fieldLabel: (key: string) => string;
  canMove: boolean;
};

/**
 * The pipeline's stages with the current one marked; the next stages say what they require.
 * Clicking a stage moves there; a move the gate refuses says which condition fails. Memoised:
 * it draws again when the record or the stages change, not whenever the page does.
 */
export const StageBar = memo(function StageBar({
  entity,
  record,
  stages,
  fieldLabel,
  canMove,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  // The fields a stage needs, listed as each language lists (English read "Course、Budget").
  const listSeparator = useLocale() === 'en' ? ', ' : '、';
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const moved = (updated: RecordData) => {
    setRefusal(null);
    client.setQueryData(recordKeys.detail(entity.key, record.id), updated);
    void client.invalidateQueries({ queryKey: recordKeys.timeline(entity.key, record.id) });
    void client.invalidateQueries({ queryKey: recordKeys.lists() });
    message.success(t('stage.moved'));
  };
  const current = stages.findIndex((s) => s.key === record.stage);
  const here = stages[current];
  const move = useMutation({
    mutationFn: (stage: string) =>
      moveStage(entity.key, record.id, stage, { version: record.version }),
    onSuccess: (updated) => moved(updated),
    onError: (err, stage) => {
      const target = stages.find((s) => s.key === stage);
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
  });
  const allowed = new Set(here?.transitions ?? stages.map((s) => s.key));
  const phone = useIsPhone();
  if (phone)
    return (
      <Space className="trellis-stagebar" wrap>
        <Tag color={here?.color ?? 'blue'}>{label(here?.label, record.stage ?? '')}</Tag>
        {canMove ? (
          <Select
            aria-label={t('stage.moveTo')}
            placeholder={t('stage.moveTo')}
            value={null}
            style={{ minWidth: 160 }}
            disabled={move.isPending}
            options={stages
              .filter((s) => s.key !== record.stage && allowed.has(s.key))
              .map((s) => ({ value: s.key, label: label(s.label, s.key) }))}
            onChange={(stage: string) => move.mutate(stage)}
          />
        ) : null}
        <OpenedOnce open={refusal !== null}>
          <Suspense fallback={null}>
            <StageMoveDialog refusal={refusal} onClose={() => setRefusal(null)} onMoved={moved} />
          </Suspense>
        </OpenedOnce>
      </Space>
    );
  return (
    <div className="trellis-stagebar">
      <Steps
        size="small"
        current={current}
        responsive={false}
        // Titles under their numbers get a whole column each: side by side, seven English
        // stage names were cut to "Prospe" and "Quote &" on a 1366 px screen.
        titlePlacement="vertical"
        items={stages.map((s, i) => {
          const requires = (s.requires ?? []).map(fieldLabel);
          const reachable = canMove && s.key !== record.stage && allowed.has(s.key);
          return {
            title: label(s.label, s.key),
            disabled: !reachable || move.isPending,
            description:
              i > current && requires.length > 0 && allowed.has(s.key) ? (
                <span className="trellis-stage-requires">
                  {t('stage.requires', { fields: requires.join(listSeparator) })}
                </span>
              ) : undefined,
          };
        })}
        onChange={(i) => {
          const target = stages[i];
          if (target && target.key !== record.stage) move.mutate(target.key);
        }}
      />
      <OpenedOnce open={refusal !== null}>
        <Suspense fallback={null}>
          <StageMoveDialog refusal={refusal} onClose={() => setRefusal(null)} onMoved={moved} />
        </Suspense>
      </OpenedOnce>
    </div>
  );
});
