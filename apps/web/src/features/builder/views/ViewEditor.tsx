import { App, Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Draft } from 'immer';
import type { ViewSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import { pointerOf } from '../draft/find';
import { useDraft, useEdit, useProblems } from '../draft/useDraft';
import { LazyJsonEditor } from '../json/LazyJsonEditor';
import { ViewSettings } from './ViewSettings';

type Props = { viewKey: string };

/** One view: what it shows (columns, filter, sort, board columns) and its JSON. */
export function ViewEditor({ viewKey }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const view = useDraft((s) => s.spec.views?.find((v) => v.key === viewKey));
  const entity = useDraft((s) => s.spec.entities.find((e) => e.key === view?.entity));
  const pointer = useDraft((s) => pointerOf(s.spec, 'views', viewKey));
  const ownProblems = useProblems(pointer, true);
  if (!view) return null;
  const name = label(view.label, view.key);
  const remove = () =>
    modal.confirm({
      title: t('views.removeTitle', { name }),
      content: t('views.removeHelp'),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () => {
        edit(t('views.removeStep', { name }), (s) => {
          s.views = (s.views ?? []).filter((v) => v.key !== view.key);
        });
        navigate('/builder/views');
      },
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
            children: (
              <LazyJsonEditor
                value={view}
                target={{ kind: 'item', list: 'views', entity: view.entity }}
                onChange={(next) =>
                  edit(
                    t('common.jsonStep', { name }),
                    (s) => {
                      const i = (s.views ?? []).findIndex((v) => v.key === view.key);
                      if (i >= 0) s.views![i] = next as Draft<ViewSpec>;
                    },
                    { coalesce: `json:view:${view.key}` },
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
