import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { EntitySelectItem } from '../common/EntitySelectItem';
import { NewNamedModal } from '../common/NewNamedModal';
import { useDraftSpec, useEdit } from '../draft/useDraft';

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
  const chosen = spec.entities.find((x) => x.key === entity);
  return (
    <NewNamedModal
      id="new-form-label"
      texts={{ title: t('forms.addTitle'), help: t('forms.addHelp'), name: t('forms.label') }}
      taken={() => (spec.forms ?? []).map((f) => f.key)}
      fallbackKey="form"
      ready={chosen !== undefined}
      create={(key, name) => {
        const e = chosen!;
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
      }}
      onClose={onClose}
    >
      <EntitySelectItem
        label={t('forms.entity')}
        entities={spec.entities}
        value={entity}
        onChange={setEntity}
      />
    </NewNamedModal>
  );
}
