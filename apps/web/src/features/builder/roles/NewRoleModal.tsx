import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { useDraftSpec, useEdit } from '../draft/useDraft';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/** A new role: its name; it starts seeing nothing, and the matrix gives it what it needs. */
export function NewRoleModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [name, setName] = useState<LocaleMap | undefined>();
  const create = () => {
    if (!name) return;
    const key = kebabKeyFrom(
      name.en ?? '',
      (spec.roles ?? []).map((r) => r.key),
      'role',
    );
    const role: RoleSpec = { key, label: name, entities: {} };
    edit(t('roles.addStep', { name: label(name, key) }), (s) => {
      (s.roles ??= []).push(role);
    });
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('roles.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !name }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('roles.addHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('roles.label')} required htmlFor="new-role-label">
          <LocaleTextInput
            id="new-role-label"
            label={t('roles.label')}
            value={name}
            onChange={setName}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
