import { useState } from 'react';
import { Form, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ViewSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { EntitySelectItem } from '../common/EntitySelectItem';
import { NewNamedModal } from '../common/NewNamedModal';
import { useDraftSpec, useEdit } from '../draft/useDraft';

/** A new list or board of an entity's records: its name, entity and kind. */
export function NewViewModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const [entity, setEntity] = useState<string | undefined>(spec.entities[0]?.key);
  const [type, setType] = useState<ViewSpec['type']>('list');
  const chosen = spec.entities.find((x) => x.key === entity);
  return (
    <NewNamedModal
      id="new-view-label"
      texts={{ title: t('views.addTitle'), help: t('views.addHelp'), name: t('views.label') }}
      taken={() => (spec.views ?? []).map((v) => v.key)}
      fallbackKey="view"
      ready={chosen !== undefined}
      create={(key, name) => {
        const view: ViewSpec = {
          key,
          entity: chosen!.key,
          label: name,
          type,
          columns: chosen!.fields.slice(0, 4).map((f) => f.key),
        };
        edit(t('views.addStep', { name: label(name, key) }), (s) => {
          (s.views ??= []).push(view);
        });
      }}
      onClose={onClose}
    >
      <EntitySelectItem
        label={t('views.entity')}
        entities={spec.entities}
        value={entity}
        onChange={setEntity}
      />
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
    </NewNamedModal>
  );
}
