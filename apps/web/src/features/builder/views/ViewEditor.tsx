import { Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import { pointerOf } from '../draft/find';
import { useDraft, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { ViewSettings } from './ViewSettings';

type Props = { viewKey: string };

/** One view: what it shows (columns, filter, sort, board columns) and its JSON. */
export function ViewEditor({ viewKey }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const removeItem = useRemoveItem('views');
  const view = useDraft((s) => s.spec.views?.find((v) => v.key === viewKey));
  const entity = useDraft((s) => s.spec.entities.find((e) => e.key === view?.entity));
  const pointer = useDraft((s) => pointerOf(s.spec, 'views', viewKey));
  const ownProblems = useProblems(pointer, true);
  if (!view) return null;
  const name = label(view.label, view.key);
  const remove = () =>
    removeItem(view.key, {
      title: t('views.removeTitle', { name }),
      content: t('views.removeHelp'),
      step: t('views.removeStep', { name }),
    });
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {name}
          </Typography.Text>
          <Tag>{entity ? label(entity.label, entity.key) : view.entity}</Tag>
        </Flex>
      }
      extra={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('views.remove')}
        </Button>
      }
    >
      <ProblemText problems={ownProblems} />
      <Tabs
        items={[
          {
            key: 'settings',
            label: t('views.tabs.settings'),
            children: entity ? (
              <ViewSettings view={view} entity={entity} pointer={pointer} />
            ) : null,
          },
          {
            key: 'json',
            label: t('common.json'),
            children: <ItemJsonEditor list="views" item={view} entity={view.entity} name={name} />,
          },
        ]}
      />
    </Card>
  );
}
