import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { camelKeyFrom } from '../common/keys';
import { NewNamedModal } from '../common/NewNamedModal';
import { useDraftStore, useEdit } from '../draft/useDraft';

/**
 * A new entity: its name in each language. It starts with a required "Name" field as its title
 * (every record needs something to be called by); the key follows the English name.
 */
export function NewEntityModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const edit = useEdit();
  const store = useDraftStore();
  return (
    <NewNamedModal
      id="new-entity-label"
      texts={{
        title: t('entities.addTitle'),
        help: t('entities.addHelp'),
        name: t('entities.label'),
      }}
      taken={() => store.getSnapshot().spec.entities.map((e) => e.key)}
      fallbackKey="entity"
      keyFrom={camelKeyFrom}
      create={(key, label) => {
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
      }}
      onClose={onClose}
    />
  );
}
