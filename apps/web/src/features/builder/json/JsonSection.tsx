import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Draft } from 'immer';
import type { AppSpec } from '@trellis/spec';
import { useDraft, useDraftSpec, useEdit } from '../draft/useDraft';
import { LazyJsonEditor } from './LazyJsonEditor';

const WHOLE = { kind: 'spec' } as const;

/** The whole draft as JSON, for those who want it; `?at=<pointer>` puts the cursor there. */
export function JsonSection() {
  const { t } = useTranslation('builder');
  const spec = useDraftSpec();
  const edit = useEdit();
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('json.intro')}</Typography.Paragraph>
      <LazyJsonEditor
        value={spec}
        target={WHOLE}
        problems={problems}
        reveal={params.get('at') ?? undefined}
        height="calc(100vh - 300px)"
        onChange={(next) =>
          edit(t('json.step'), () => next as Draft<AppSpec>, { coalesce: 'json:whole' })
        }
      />
    </div>
  );
}
