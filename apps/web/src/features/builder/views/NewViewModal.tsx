import { useState } from 'react';
import { Form, Modal, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ViewSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { useDraftSpec, useEdit } from '../draft/useDraft';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/** A new list or board of an entity's records: its name, entity and kind. */
export function NewViewModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [entity, setEntity] = useState<string | undefined>(spec.entities[0]?.key);
  const [type, setType] = useState<ViewSpec['type']>('list');
  const [name, setName] = useState<LocaleMap | undefined>();
  const create = () => {
    const e = spec.entities.find((x) => x.key === entity);
    if (!e || !name) return;
    const key = kebabKeyFrom(
      name.en ?? '',
      (spec.views ?? []).map((v) => v.key),
      'view',
    );
    const view: ViewSpec = {
      key,
      entity: e.key,
      label: name,
      type,
      columns: e.fields.slice(0, 4).map((f) => f.key),
    };
    edit(t('views.addStep', { name: label(name, key) }), (s) => {
      (s.views ??= []).push(view);
    });
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('views.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !entity || !name }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('views.addHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('views.label')} required htmlFor="new-view-label">
          <LocaleTextInput
            id="new-view-label"
            label={t('views.label')}
            value={name}
            onChange={setName}
          />
        </Form.Item>
        <Form.Item label={t('views.entity')} required>
          <Select
            aria-label={t('views.entity')}
            value={entity}
            onChange={setEntity}
            options={spec.entities.map((e) => ({ value: e.key, label: label(e.label, e.key) }))}
          />
        </Form.Item>
        <Form.Item label={t('views.typeLabel')}>
          <Segmented
            aria-label={t('views.typeLabel')}
            value={type}
            onChange={setType}
            options={(['list', 'board'] as const).map((v) => ({
              value: v,
              label: t(`views.type.${v}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
