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
import { DashboardEditor } from './DashboardEditor';
import { NewDashboardModal } from './NewDashboardModal';

/** /builder/dashboards[/<key>]: the report pages managers read, one open. */
export function DashboardsSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const dashboards = useDraft((s) => s.spec.dashboards ?? []);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const atIndex = /^\/dashboards\/(\d+)/.exec(params.get('at') ?? '')?.[1];
  const [key, open, item] = useOpenItem('dashboards', dashboards[Number(atIndex ?? 0)]?.key);
  const dashboard = dashboards.find((d) => d.key === key);
  const [adding, setAdding] = useState(false);
  const add = adding ? (
    <NewDashboardModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  ) : null;
  if (dashboards.length === 0)
    return (
      <>
        <EmptyState
          description={t('dashboards.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('dashboards.add')}
            </Button>
          }
        />
        {add}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('dashboards.title')}
        item={item}
        list={
          <ItemPicker
            title={t('dashboards.title')}
            items={dashboards.map((d, i) => ({
              key: d.key,
              label: label(d.label, d.key),
              extra: <Tag style={{ marginInlineEnd: 0 }}>{d.widgets.length}</Tag>,
              problems: problems.filter(
                (x) => x.path.startsWith(`/dashboards/${i}/`) || x.path === `/dashboards/${i}`,
              ).length,
            }))}
            selected={dashboard?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          dashboard ? (
            <DashboardEditor key={dashboard.key} dashboardKey={dashboard.key} />
          ) : (
            <EmptyState description={t('dashboards.pick')} />
          )
        }
      />
      {add}
    </>
  );
}
