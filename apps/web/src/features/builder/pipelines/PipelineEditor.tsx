import { Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import { pointerOf } from '../draft/find';
import { useDraft, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { PipelineSettings } from './PipelineSettings';
import { StageList } from './StageList';

type Props = { pipelineKey: string; at: string };

/** One pipeline: its stages in order, its settings (loss reasons), and its JSON. */
export function PipelineEditor({ pipelineKey, at }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const removeItem = useRemoveItem('pipelines');
  const pipeline = useDraft((s) => s.spec.pipelines?.find((p) => p.key === pipelineKey));
  const entity = useDraft((s) => s.spec.entities.find((e) => e.key === pipeline?.entity));
  const pointer = useDraft((s) => pointerOf(s.spec, 'pipelines', pipelineKey));
  const ownProblems = useProblems(pointer, true);
  if (!pipeline) return null;
  const name = label(pipeline.label, pipeline.key);
  const remove = () =>
    removeItem(pipeline.key, {
      title: t('pipelines.removeTitle', { name }),
      content: t('pipelines.removeHelp'),
      step: t('pipelines.removeStep', { name }),
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
              <ItemJsonEditor
                list="pipelines"
                item={pipeline}
                entity={pipeline.entity}
                name={name}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
