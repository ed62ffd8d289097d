import { useState } from 'react';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipelineSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { kebabKeyFrom } from '../common/keys';
import { useDraftSpec, useEdit } from '../draft/useDraft';

/**
 * A new pipeline for an entity that has none (one per entity). It starts with three stages —
 * in progress, won, lost — that people rename and extend.
 */
export function NewPipelineModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const taken = new Set((spec.pipelines ?? []).map((p) => p.entity));
  const free = spec.entities.filter((e) => !taken.has(e.key));
  const [entity, setEntity] = useState<string | undefined>(free[0]?.key);
  const both = (k: string) => ({ 'zh-CN': t(k, { lng: 'zh-CN' }), en: t(k, { lng: 'en' }) });
  const create = () => {
    const e = spec.entities.find((x) => x.key === entity);
    if (!e) return;
    const name = (l: 'zh-CN' | 'en') =>
      t('pipelines.newName', { lng: l, entity: label(e.label, e.key) });
    const key = kebabKeyFrom(
      (e.label as Record<string, string>).en ?? e.key,
      (spec.pipelines ?? []).map((p) => p.key),
      'pipeline',
    );
    const pipeline: PipelineSpec = {
      key,
      entity: e.key,
      label: { 'zh-CN': name('zh-CN'), en: name('en') },
      stages: [
        { key: 'new', label: both('pipelines.stageNew'), category: 'open', color: '#1677ff' },
        { key: 'won', label: both('pipelines.stageWon'), category: 'won', color: '#52c41a' },
        { key: 'lost', label: both('pipelines.stageLost'), category: 'lost', color: '#8c8c8c' },
      ],
    };
    edit(t('pipelines.addStep', { name: label(pipeline.label, key) }), (s) => {
      (s.pipelines ??= []).push(pipeline);
    });
    onClose(key);
  };
  return (
    <Modal
      open
      title={t('pipelines.addTitle')}
      okText={t('common.create')}
      okButtonProps={{ disabled: !entity }}
      onOk={create}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{t('pipelines.addHelp')}</Typography.Paragraph>
      {free.length === 0 ? (
        <Alert type="info" showIcon title={t('pipelines.noFreeEntity')} />
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('pipelines.entity')} required>
            <Select
              aria-label={t('pipelines.entity')}
              value={entity}
              onChange={setEntity}
              options={free.map((e) => ({ value: e.key, label: label(e.label, e.key) }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
