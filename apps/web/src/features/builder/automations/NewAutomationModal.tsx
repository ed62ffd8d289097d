import { useState } from 'react';
import { Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TRIGGER_TYPES, type AutomationSpec, type TriggerType } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { useDraftSpec, useEdit } from '../draft/useDraft';
import { newTrigger } from './defaults';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/**
 * A new automation: its name and what starts it. It begins switched off with one in-app
 * notification to the owner, so nothing runs before its actions are set and it is switched on.
 */
export function NewAutomationModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [name, setName] = useState<LocaleMap | undefined>();
  const [type, setType] = useState<TriggerType>('record.created');
  const create = () => {
    if (!name) return;
    const key = kebabKeyFrom(
      name.en ?? '',
      (spec.automations ?? []).map((a) => a.key),
      'automation',
    );
    const automation = {
      key,
      label: name,
      enabled: false,
      on: newTrigger(type, spec),
      do: [
        {
          type: 'notify',
          channel: 'inApp',
          to: ['owner'],
          message: {
            'zh-CN': t('automations.newMessage', { lng: 'zh-CN' }),
            en: t('automations.newMessage', { lng: 'en' }),
          },
        },
      ],
    } as AutomationSpec;
    edit(t('automations.addStep', { name: label(name, key) }), (s) => {
      (s.automations ??= []).push(automation);
    });
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('automations.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !name }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('automations.addHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('automations.label')} required htmlFor="new-automation-label">
          <LocaleTextInput
            id="new-automation-label"
            label={t('automations.label')}
            value={name}
            onChange={setName}
          />
        </Form.Item>
        <Form.Item label={t('automations.trigger')} required>
          <Select
            aria-label={t('automations.trigger')}
            value={type}
            onChange={setType}
            options={TRIGGER_TYPES.map((v) => ({
              value: v,
              label: t(`automations.triggers.${v}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
