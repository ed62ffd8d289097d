import { Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import { usePublished } from '../common/usePublished';
import { pointerOf } from '../draft/find';
import { useDraft, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { EntitySettings } from './EntitySettings';
import { FieldList } from './FieldList';

type Props = { entityKey: string; at: string };

/** One entity: its fields, its settings, and its JSON. */
export function EntityEditor({ entityKey, at }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const removeItem = useRemoveItem('entities');
  const published = usePublished();
  const entity = useDraft((s) => s.spec.entities.find((e) => e.key === entityKey));
  const pointer = useDraft((s) => pointerOf(s.spec, 'entities', entityKey));
  const ownProblems = useProblems(pointer, true);
  if (!entity) return null;
  const name = label(entity.label, entity.key);
  const remove = () =>
    removeItem(entity.key, {
      title: t('entities.removeTitle', { name }),
      content: published.entity(entity.key)
        ? t('entities.removePublished')
        : t('entities.removeNew'),
      step: t('entities.removeStep', { name }),
    });
  const atTab = at.startsWith(`${pointer}/fields`)
    ? 'fields'
    : at.startsWith(pointer) && at !== pointer
      ? 'settings'
      : undefined;
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {name}
          </Typography.Text>
          <Tag>{entity.key}</Tag>
        </Flex>
      }
      extra={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('entities.remove')}
        </Button>
      }
    >
      <ProblemText problems={ownProblems} />
      <Tabs
        defaultActiveKey={atTab ?? 'fields'}
        items={[
          {
            key: 'fields',
            label: t('entities.tabs.fields'),
            children: <FieldList entity={entity} pointer={pointer} at={at} />,
          },
          {
            key: 'settings',
            label: t('entities.tabs.settings'),
            children: <EntitySettings entity={entity} pointer={pointer} />,
          },
          {
            key: 'json',
            label: t('common.json'),
            children: (
              <ItemJsonEditor list="entities" item={entity} entity={entity.key} name={name} />
            ),
          },
        ]}
      />
    </Card>
  );
}
