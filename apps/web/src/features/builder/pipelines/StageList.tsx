import { useState } from 'react';
import { Badge, Button, Card, Flex, Tag, Typography } from 'antd';
import { DeleteOutlined, DownOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, PipelineSpec, StageSpec } from '@trellis/spec';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useLabel } from '../../../lib/i18n/useLabel';
import { camelKeyFrom } from '../common/keys';
import { moved, SortableList } from '../common/SortableList';
import { itemIn } from '../draft/find';
import { useEdit, useProblems } from '../draft/useDraft';
import { StageEditor } from './StageEditor';

type Props = {
  pipeline: PipelineSpec;
  entity: EntitySpec | undefined;
  pointer: string;
  at: string;
};

const CATEGORY_COLORS = { open: 'blue', won: 'green', lost: 'red' } as const;

/** The stages in the order records go through them: drag to reorder, open one to edit it. */
export function StageList({ pipeline, entity, pointer, at }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const problems = useProblems(`${pointer}/stages`);
  const atStage = new RegExp(`^${pointer}/stages/(\\d+)`).exec(at)?.[1];
  const [open, setOpen] = useState<string | undefined>(
    atStage === undefined ? undefined : pipeline.stages[Number(atStage)]?.key,
  );
  const name = label(pipeline.label, pipeline.key);
  const add = () => {
    const key = camelKeyFrom(
      '',
      pipeline.stages.map((s) => s.key),
      'stage',
    );
    const stage: StageSpec = {
      key,
      label: {
        'zh-CN': t('pipelines.newStage', { lng: 'zh-CN', n: pipeline.stages.length + 1 }),
        en: t('pipelines.newStage', { lng: 'en', n: pipeline.stages.length + 1 }),
      },
      category: 'open',
    };
    edit(t('pipelines.addStageStep', { name }), (s) => {
      const stages = itemIn(s.pipelines, pipeline.key).stages;
      // New open stages go before the first closed one (won / lost end the pipeline).
      const closed = stages.findIndex((x) => x.category !== 'open');
      stages.splice(closed < 0 ? stages.length : closed, 0, stage);
    });
    setOpen(key);
  };
  const remove = (stage: StageSpec) =>
    edit(t('pipelines.removeStageStep', { name: label(stage.label, stage.key) }), (s) => {
      const p = itemIn(s.pipelines, pipeline.key);
      p.stages = p.stages.filter((x) => x.key !== stage.key);
      for (const other of p.stages)
        if (other.transitions) other.transitions = other.transitions.filter((k) => k !== stage.key);
    });
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('pipelines.stagesIntro')}</Typography.Paragraph>
      <SortableList
        ids={pipeline.stages.map((s) => s.key)}
        onMove={(from, to) =>
          edit(t('pipelines.moveStageStep', { name }), (s) => {
            const p = itemIn(s.pipelines, pipeline.key);
            p.stages = moved(p.stages, from, to);
          })
        }
      >
        {(key, handle, i) => {
          const stage = pipeline.stages[i]!;
          const stageName = label(stage.label, stage.key);
          const count = problems.filter((p) => p.path.startsWith(`${pointer}/stages/${i}`)).length;
          const isOpen = open === key;
          return (
            <Card
              size="small"
              style={{ marginBottom: 8 }}
              styles={{ body: isOpen ? undefined : { display: 'none' } }}
              title={
                <Flex align="center" gap={6} style={{ minWidth: 0 }}>
                  {handle}
                  <Button
                    type="text"
                    size="small"
                    aria-expanded={isOpen}
                    icon={isOpen ? <DownOutlined /> : <RightOutlined />}
                    onClick={() => setOpen(isOpen ? undefined : key)}
                    style={{ minWidth: 0, paddingInline: 4 }}
                  >
                    <span
                      aria-hidden
                      style={{
                        display: 'inline-block',
                        width: 10,
                        height: 10,
                        borderRadius: 5,
                        background: stage.color ?? '#d9d9d9',
                      }}
                    />
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {stageName}
                    </span>
                  </Button>
                  <Tag color={CATEGORY_COLORS[stage.category]} style={{ marginInlineEnd: 0 }}>
                    {t(`pipelines.category.${stage.category}`)}
                  </Tag>
                  <StageSummary stage={stage} />
                  {count ? <Badge count={count} size="small" /> : null}
                </Flex>
              }
              extra={
                <Button
                  type="text"
                  size="small"
                  danger
                  disabled={pipeline.stages.length === 1}
                  icon={<DeleteOutlined />}
                  aria-label={t('common.removeNamed', { name: stageName })}
                  onClick={() => remove(stage)}
                />
              }
            >
              {isOpen ? (
                <StageEditor
                  pipeline={pipeline}
                  stage={stage}
                  entity={entity}
                  pointer={`${pointer}/stages/${i}`}
                  onKey={setOpen}
                />
              ) : null}
            </Card>
          );
        }}
      </SortableList>
      <Button icon={<PlusOutlined />} onClick={add}>
        {t('pipelines.addStage')}
      </Button>
    </div>
  );
}

/** What a stage asks for, in a few words beside its name (hidden on narrow screens). */
function StageSummary({ stage }: { stage: StageSpec }) {
  const { t } = useTranslation('builder');
  const phone = useIsPhone();
  const parts = [
    stage.requires?.length ? t('pipelines.summaryRequires', { count: stage.requires.length }) : '',
    stage.enterIf ? t('pipelines.summaryCondition') : '',
    stage.sla ? t('pipelines.summarySla') : '',
  ].filter(Boolean);
  if (parts.length === 0 || phone) return null;
  return (
    <Typography.Text
      type="secondary"
      ellipsis
      style={{ fontSize: 12, fontWeight: 'normal', minWidth: 0 }}
    >
      {parts.join(' · ')}
    </Typography.Text>
  );
}
