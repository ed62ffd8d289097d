import { useState } from 'react';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ItemPicker } from '../common/ItemPicker';
import { MasterDetail } from '../common/MasterDetail';
import { useOpenItem } from '../common/useOpenItem';
import { useDraft } from '../draft/useDraft';
import { EntityEditor } from './EntityEditor';
import { NewEntityModal } from './NewEntityModal';

/** /builder/entities[/<key>]: the entities of the app, one open in the editor. */
export function EntitiesSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const entities = useDraft((s) => s.spec.entities);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const at = params.get('at') ?? '';
  // ?at=/entities/<i>/... (a problem's place) opens that entity.
  const atIndex = /^\/entities\/(\d+)/.exec(at)?.[1];
  const [key, open, item] = useOpenItem('entities', entities[Number(atIndex ?? 0)]?.key);
  const entity = entities.find((e) => e.key === key);
  const [adding, setAdding] = useState(false);
  const add = (
    <NewEntityModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  );
  if (entities.length === 0)
    return (
      <>
        <EmptyState
          description={t('entities.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('entities.add')}
            </Button>
          }
        />
        {adding ? add : null}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('entities.title')}
        item={item}
        list={
          <ItemPicker
            title={t('entities.title')}
            items={entities.map((e, i) => ({
              key: e.key,
              label: label(e.label, e.key),
              problems: problems.filter(
                (p) => p.path.startsWith(`/entities/${i}/`) || p.path === `/entities/${i}`,
              ).length,
            }))}
            selected={entity?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          entity ? (
            <EntityEditor key={entity.key} entityKey={entity.key} at={at} />
          ) : (
            <EmptyState description={t('entities.pick')} />
          )
        }
      />
      {adding ? add : null}
    </>
  );
}
