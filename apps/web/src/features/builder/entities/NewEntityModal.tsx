import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSpec, EntitySpec } from '@trellis/spec';
import { camelKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { useDraftStore, useEdit } from '../draft/useDraft';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/**
 * A new entity: its name in each language. It starts with a required "Name" field as its title
 * (every record needs something to be called by); the key follows the English name.
 */
export function NewEntityModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const edit = useEdit();
  const store = useDraftStore();
  const [label, setLabel] = useState<LocaleMap | undefined>();
  const create = () => {
    if (!label) return;
    const spec: AppSpec = store.getSnapshot().spec;
    const key = camelKeyFrom(
      label.en ?? '',
      spec.entities.map((e) => e.key),
      'entity',
    );
    const entity: EntitySpec = {
      key,
      label,
      titleField: 'name',
      fields: [
        { key: 'name', type: 'text', required: true, label: { 'zh-CN': '名称', en: 'Name' } },
      ],
    } as EntitySpec;
    edit(
      t('entities.addStep', { name: label[store.getSnapshot().spec.defaultLocale] ?? key }),
      (s) => {
        s.entities.push(entity);
      },
    );
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('entities.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !label }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('entities.addHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('entities.label')} required htmlFor="new-entity-label">
          <LocaleTextInput
            id="new-entity-label"
            label={t('entities.label')}
            value={label}
            onChange={setLabel}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
