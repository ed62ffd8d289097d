import { Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import { pointerOf } from '../draft/find';
import { useDraft, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { FormDesigner } from './FormDesigner';
import { FormSettings } from './FormSettings';
import { FormSharing } from './FormSharing';

type Props = { formKey: string; at: string };

/** One form: its layout (designer and live preview), its texts, and its JSON. */
export function FormEditor({ formKey, at }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const removeItem = useRemoveItem('forms');
  const form = useDraft((s) => s.spec.forms?.find((f) => f.key === formKey));
  const entity = useDraft((s) => s.spec.entities.find((e) => e.key === form?.entity));
  const pointer = useDraft((s) => pointerOf(s.spec, 'forms', formKey));
  const ownProblems = useProblems(pointer, true);
  if (!form) return null;
  const name = label(form.label, form.key);
  const remove = () =>
    removeItem(form.key, {
      title: t('forms.removeTitle', { name }),
      content: form.public ? t('forms.removePublic') : t('forms.removeHelp'),
      step: t('forms.removeStep', { name }),
    });
  const onSettings =
    at.startsWith(pointer) && at !== pointer && !at.startsWith(`${pointer}/sections`);
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {name}
          </Typography.Text>
          <Tag>{entity ? label(entity.label, entity.key) : form.entity}</Tag>
          {form.public ? <Tag color="green">{t('forms.publicTag')}</Tag> : null}
        </Flex>
      }
      extra={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('forms.remove')}
        </Button>
      }
    >
      <ProblemText problems={ownProblems} />
      <Tabs
        defaultActiveKey={onSettings ? 'settings' : 'design'}
        items={[
          {
            key: 'design',
            label: t('forms.tabs.design'),
            children: entity ? (
              <FormDesigner form={form} entity={entity} pointer={pointer} />
            ) : null,
          },
          {
            key: 'settings',
            label: t('forms.tabs.settings'),
            children: <FormSettings form={form} pointer={pointer} />,
          },
          {
            key: 'sharing',
            label: t('forms.tabs.sharing'),
            children: entity ? <FormSharing form={form} entity={entity} pointer={pointer} /> : null,
          },
          {
            key: 'json',
            label: t('common.json'),
            children: <ItemJsonEditor list="forms" item={form} entity={form.entity} name={name} />,
          },
        ]}
      />
    </Card>
  );
}
