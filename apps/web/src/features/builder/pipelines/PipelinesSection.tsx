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
import { NewPipelineModal } from './NewPipelineModal';
import { PipelineEditor } from './PipelineEditor';

/** /builder/pipelines[/<key>]: the sales pipelines, one per entity, one open in the editor. */
export function PipelinesSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const pipelines = useDraft((s) => s.spec.pipelines ?? []);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const at = params.get('at') ?? '';
  const atIndex = /^\/pipelines\/(\d+)/.exec(at)?.[1];
  const [key, open, item] = useOpenItem('pipelines', pipelines[Number(atIndex ?? 0)]?.key);
  const pipeline = pipelines.find((p) => p.key === key);
  const [adding, setAdding] = useState(false);
  const add = adding ? (
    <NewPipelineModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  ) : null;
  if (pipelines.length === 0)
    return (
      <>
        <EmptyState
          description={t('pipelines.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('pipelines.add')}
            </Button>
          }
        />
        {add}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('pipelines.title')}
        item={item}
        list={
          <ItemPicker
            title={t('pipelines.title')}
            items={pipelines.map((p, i) => ({
              key: p.key,
              label: label(p.label, p.key),
              problems: problems.filter(
                (x) => x.path.startsWith(`/pipelines/${i}/`) || x.path === `/pipelines/${i}`,
              ).length,
            }))}
            selected={pipeline?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          pipeline ? (
            <PipelineEditor key={pipeline.key} pipelineKey={pipeline.key} at={at} />
          ) : (
            <EmptyState description={t('pipelines.pick')} />
          )
        }
      />
      {add}
    </>
  );
}
