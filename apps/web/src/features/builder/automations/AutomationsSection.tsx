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
import { NewAutomationModal } from './NewAutomationModal';
import { AutomationEditor } from './AutomationEditor';

/** /builder/automations[/<key>]: the automations (when…, if…, do…), one open in the editor. */
export function AutomationsSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const automations = useDraft((s) => s.spec.automations ?? []);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const at = params.get('at') ?? '';
  const atIndex = /^\/automations\/(\d+)/.exec(at)?.[1];
  const [key, open, item] = useOpenItem('automations', automations[Number(atIndex ?? 0)]?.key);
  const automation = automations.find((p) => p.key === key);
  const [adding, setAdding] = useState(false);
  const add = adding ? (
    <NewAutomationModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  ) : null;
  if (automations.length === 0)
    return (
      <>
        <EmptyState
          description={t('automations.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('automations.add')}
            </Button>
          }
        />
        {add}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('automations.title')}
        item={item}
        list={
          <ItemPicker
            title={t('automations.title')}
            items={automations.map((p, i) => ({
              key: p.key,
              label: label(p.label, p.key),
              ...(p.enabled === false
                ? { extra: <Tag style={{ marginInlineEnd: 0 }}>{t('automations.off')}</Tag> }
                : {}),
              problems: problems.filter(
                (x) => x.path.startsWith(`/automations/${i}/`) || x.path === `/automations/${i}`,
              ).length,
            }))}
            selected={automation?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          automation ? (
            <AutomationEditor key={automation.key} automationKey={automation.key} />
          ) : (
            <EmptyState description={t('automations.pick')} />
          )
        }
      />
      {add}
    </>
  );
}
