import { useState } from 'react';
import { Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ItemPicker } from '../common/ItemPicker';
import { MasterDetail } from '../common/MasterDetail';
import { useOpenItem } from '../common/useOpenItem';
import { useDraft } from '../draft/useDraft';
import { NewViewModal } from './NewViewModal';
import { ViewEditor } from './ViewEditor';

/** /builder/views[/<key>]: the saved lists and boards people pick from, one open. */
export function ViewsSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const views = useDraft((s) => s.spec.views ?? []);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const at = params.get('at') ?? '';
  const atIndex = /^\/views\/(\d+)/.exec(at)?.[1];
  const [key, open, item] = useOpenItem('views', views[Number(atIndex ?? 0)]?.key);
  const view = views.find((p) => p.key === key);
  const [adding, setAdding] = useState(false);
  const add = adding ? (
    <NewViewModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  ) : null;
  if (views.length === 0)
    return (
      <>
        <EmptyState
          description={t('views.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('views.add')}
            </Button>
          }
        />
        {add}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('views.title')}
        item={item}
        list={
          <ItemPicker
            title={t('views.title')}
            items={views.map((p, i) => ({
              key: p.key,
              label: label(p.label, p.key),
              extra: <Tag style={{ marginInlineEnd: 0 }}>{t(`views.type.${p.type}`)}</Tag>,
              problems: problems.filter(
                (x) => x.path.startsWith(`/views/${i}/`) || x.path === `/views/${i}`,
              ).length,
            }))}
            selected={view?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          view ? (
            <ViewEditor key={view.key} viewKey={view.key} />
          ) : (
            <EmptyState description={t('views.pick')} />
          )
        }
      />
      {add}
    </>
  );
}
