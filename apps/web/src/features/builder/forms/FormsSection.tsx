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
import { NewFormModal } from './NewFormModal';
import { FormEditor } from './FormEditor';

/** /builder/forms[/<key>]: the forms people fill (inside the app or public), one open. */
export function FormsSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const forms = useDraft((s) => s.spec.forms ?? []);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const at = params.get('at') ?? '';
  const atIndex = /^\/forms\/(\d+)/.exec(at)?.[1];
  const [key, open, item] = useOpenItem('forms', forms[Number(atIndex ?? 0)]?.key);
  const form = forms.find((p) => p.key === key);
  const [adding, setAdding] = useState(false);
  const add = adding ? (
    <NewFormModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  ) : null;
  if (forms.length === 0)
    return (
      <>
        <EmptyState
          description={t('forms.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('forms.add')}
            </Button>
          }
        />
        {add}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('forms.title')}
        item={item}
        list={
          <ItemPicker
            title={t('forms.title')}
            items={forms.map((p, i) => ({
              key: p.key,
              label: label(p.label, p.key),
              ...(p.public
                ? { extra: <Tag style={{ marginInlineEnd: 0 }}>{t('forms.publicTag')}</Tag> }
                : {}),
              problems: problems.filter(
                (x) => x.path.startsWith(`/forms/${i}/`) || x.path === `/forms/${i}`,
              ).length,
            }))}
            selected={form?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          form ? (
            <FormEditor key={form.key} formKey={form.key} at={at} />
          ) : (
            <EmptyState description={t('forms.pick')} />
          )
        }
      />
      {add}
    </>
  );
}
