import { App, Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Draft } from 'immer';
import type { PipelineSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import { pointerOf } from '../draft/find';
import { useDraft, useEdit, useProblems } from '../draft/useDraft';
import { LazyJsonEditor } from '../json/LazyJsonEditor';
import { PipelineSettings } from './PipelineSettings';
import { StageList } from './StageList';

type Props = { pipelineKey: string; at: string };

/** One pipeline: its stages in order, its settings (loss reasons), and its JSON. */
export function PipelineEditor({ pipelineKey, at }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const pipeline = useDraft((s) => s.spec.pipelines?.find((p) => p.key === pipelineKey));
  const entity = useDraft((s) => s.spec.entities.find((e) => e.key === pipeline?.entity));
  const pointer = useDraft((s) => pointerOf(s.spec, 'pipelines', pipelineKey));
  const ownProblems = useProblems(pointer, true);
  if (!pipeline) return null;
  const name = label(pipeline.label, pipeline.key);
  const remove = () =>
    modal.confirm({
      title: t('pipelines.removeTitle', { name }),
      content: t('pipelines.removeHelp'),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () => {
        edit(t('pipelines.removeStep', { name }), (s) => {
          s.pipelines = (s.pipelines ?? []).filter((p) => p.key !== pipeline.key);
        });
        navigate('/builder/pipelines');
      },
    });
  const settingsAt = at.startsWith(pointer) && !at.startsWith(`${pointer}/stages`);
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {name}
          </Typography.Text>
          <Tag>{entity ? label(entity.label, entity.key) : pipeline.entity}</Tag>
        </Flex>
      }
      extra={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('pipelines.remove')}
        </Button>
      }
    >
      <ProblemText problems={ownProblems} />
      <Tabs
        defaultActiveKey={settingsAt && at !== pointer ? 'settings' : 'stages'}
        items={[
          {
            key: 'stages',
            label: t('pipelines.tabs.stages'),
            children: <StageList pipeline={pipeline} entity={entity} pointer={pointer} at={at} />,
          },
          {
            key: 'settings',
            label: t('pipelines.tabs.settings'),
            children: <PipelineSettings pipeline={pipeline} entity={entity} pointer={pointer} />,
          },
          {
            key: 'json',
            label: t('common.json'),
            children: (
              <LazyJsonEditor
                value={pipeline}
                target={{ kind: 'item', list: 'pipelines', entity: pipeline.entity }}
                onChange={(next) =>
                  edit(
                    t('common.jsonStep', { name }),
                    (s) => {
                      const i = (s.pipelines ?? []).findIndex((p) => p.key === pipeline.key);
                      if (i >= 0) s.pipelines![i] = next as Draft<PipelineSpec>;
                    },
                    { coalesce: `json:pipeline:${pipeline.key}` },
                  )
                }
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
