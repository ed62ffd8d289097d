import { useState } from 'react';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TRIGGER_TYPES, type AutomationSpec, type TriggerType } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { NewNamedModal } from '../common/NewNamedModal';
import { useDraftSpec, useEdit } from '../draft/useDraft';
import { newTrigger } from './defaults';

/**
 * A new automation: its name and what starts it. It begins switched off with one in-app
 * notification to the owner, so nothing runs before its actions are set and it is switched on.
 */
export function NewAutomationModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [type, setType] = useState<TriggerType>('record.created');
  return (
    <NewNamedModal
      id="new-automation-label"
      texts={{
        title: t('automations.addTitle'),
        help: t('automations.addHelp'),
        name: t('automations.label'),
      }}
      taken={() => (spec.automations ?? []).map((a) => a.key)}
      fallbackKey="automation"
      create={(key, name) => {
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
      }}
      onClose={onClose}
    >
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
    </NewNamedModal>
  );
}
