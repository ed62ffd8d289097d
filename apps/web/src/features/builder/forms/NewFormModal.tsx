import { useState } from 'react';
import { Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { useDraftSpec, useEdit } from '../draft/useDraft';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/**
 * A new form for an entity: its name, and one section holding the entity's required fields
 * (a form without them could not create a record); the rest are dragged in next.
 */
export function NewFormModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [entity, setEntity] = useState<string | undefined>(spec.entities[0]?.key);
  const [name, setName] = useState<LocaleMap | undefined>();
  const create = () => {
    const e = spec.entities.find((x) => x.key === entity);
    if (!e || !name) return;
    const key = kebabKeyFrom(
      name.en ?? '',
      (spec.forms ?? []).map((f) => f.key),
      'form',
    );
    const required = e.fields.filter((f) => f.required).map((f) => f.key);
    const form: FormSpec = {
      key,
      entity: e.key,
      label: name,
      sections: [{ fields: required.length ? required : [e.titleField ?? e.fields[0]!.key] }],
    };
    edit(t('forms.addStep', { name: label(name, key) }), (s) => {
      (s.forms ??= []).push(form);
    });
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('forms.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !entity || !name }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('forms.addHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('forms.label')} required htmlFor="new-form-label">
          <LocaleTextInput
            id="new-form-label"
            label={t('forms.label')}
            value={name}
            onChange={setName}
          />
        </Form.Item>
        <Form.Item label={t('forms.entity')} required>
          <Select
            aria-label={t('forms.entity')}
            value={entity}
            onChange={setEntity}
            options={spec.entities.map((e) => ({ value: e.key, label: label(e.label, e.key) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
