import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { kebabKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { useDraftSpec, useEdit } from '../draft/useDraft';
import { newWidget } from './new-widget';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/** A new dashboard: its name; it starts with a funnel to change or replace. */
export function NewDashboardModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [name, setName] = useState<LocaleMap | undefined>();
  const create = () => {
    if (!name) return;
    const key = kebabKeyFrom(
      name.en ?? '',
      (spec.dashboards ?? []).map((d) => d.key),
      'dashboard',
    );
    const dashboard = {
      key,
      label: name,
      widgets: [newWidget('funnel', spec, [])],
    } as DashboardSpec;
    edit(t('dashboards.addStep', { name: label(name, key) }), (s) => {
      (s.dashboards ??= []).push(dashboard);
    });
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('dashboards.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !name }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('dashboards.addHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('dashboards.label')} required htmlFor="new-dashboard-label">
          <LocaleTextInput
            id="new-dashboard-label"
            label={t('dashboards.label')}
            value={name}
            onChange={setName}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
