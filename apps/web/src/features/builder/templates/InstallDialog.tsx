import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Modal, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { sessionKeys } from '../../../lib/session/keys';
import { builderKeys } from '../draft/api';
import { isDestructive } from '../publish/describe';
import { PlanView } from '../publish/PlanView';
import { ProblemList } from '../publish/ProblemList';
import type { Resolution } from '../publish/types';
import { useNames } from '../publish/useNames';
import {
  applyTemplate,
  planTemplate,
  templateKeys,
  type ApplyAnswer,
  type ConflictChoice,
  type TemplateCard,
  type TemplatePlan,
} from './api';
import { ConflictList } from './ConflictList';
import { PlanSummary } from './PlanSummary';

/**
 * Install or upgrade a template: the plan in plain words, a choice for every conflict and
 * blocking migration warning, then the result. Nothing is written before the builder confirms.
 */
export function InstallDialog({ card, onClose }: { card: TemplateCard; onClose: () => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const phone = useIsPhone();
  const plan = useQuery({
    queryKey: templateKeys.plan(card.name),
    queryFn: () => planTemplate(card.name),
    gcTime: 0,
    retry: false,
  });
  const [done, setDone] = useState<ApplyAnswer | null>(null);
  const name = label(card.label as never, card.name);
  return (
    <Modal
      open
      title={t(`templates.title.${card.offer}`, { name, version: card.version })}
      width={phone ? '100%' : 820}
      onCancel={onClose}
      footer={done ? <Button onClick={onClose}>{t('templates.close')}</Button> : null}
    >
      {done ? (
        <Result
          status="success"
          title={
            done.unchanged
              ? t('templates.unchanged', { name })
              : t('templates.done', { name, version: card.version, spec: done.version })
          }
          subTitle={t('templates.doneHint')}
        />
      ) : plan.isPending ? (
        <LoadingState rows={6} />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <PlanBody plan={plan.data} name={name} onDone={setDone} onClose={onClose} />
      )}
    </Modal>
  );
}

function PlanBody({
  plan,
  name,
  onDone,
  onClose,
}: {
  plan: TemplatePlan;
  name: string;
  onDone: (answer: ApplyAnswer) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('builder');
  const client = useQueryClient();
  const names = useNames(plan.spec);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const migration = plan.migration ?? { steps: [], warnings: [], blocking: [] };
  const open = plan.conflicts.filter((c) => !choices[c.path]).length;
  const unresolved = migration.blocking.filter((id) => !resolutions[id]).length;
  const destructive = migration.steps.some(isDestructive);
  const ready =
    plan.errors.length === 0 && open === 0 && unresolved === 0 && (!destructive || understood);
  const apply = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await applyTemplate(plan.name, { choices, resolutions });
      await Promise.all([
        client.invalidateQueries({ queryKey: templateKeys.all }),
        client.invalidateQueries({ queryKey: sessionKeys.all }),
        client.invalidateQueries({ queryKey: builderKeys.versions() }),
      ]);
      onDone(answer);
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError({ status: 0, code: 'network' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <PlanSummary plan={plan} name={name} />
      {plan.errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('templates.cannot', { count: plan.errors.length })}
          description={<ProblemList problems={plan.errors} onNavigate={onClose} />}
        />
      ) : null}
      {plan.conflicts.length > 0 ? (
        <ConflictList conflicts={plan.conflicts} choices={choices} onChange={setChoices} />
      ) : null}
      <PlanView
        preview={{ ok: true, diff: plan.diff, plan: migration }}
        names={names}
        resolutions={resolutions}
        onResolve={(id, r) => setResolutions((all) => ({ ...all, [id]: r }))}
      />
      {destructive ? (
        <Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)}>
          {t('publish.understand')}
        </Checkbox>
      ) : null}
      {open > 0 ? (
        <Typography.Text type="warning">
          {t('templates.chooseConflicts', { count: open })}
        </Typography.Text>
      ) : null}
      {unresolved > 0 ? (
        <Typography.Text type="warning">
          {t('publish.chooseFirst', { count: unresolved })}
        </Typography.Text>
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure.problem.detail ?? failure.message}
          description={
            failure.errors.length > 0 ? (
              <ProblemList problems={failure.errors} onNavigate={onClose} />
            ) : undefined
          }
        />
      ) : null}
      <Space style={{ justifyContent: 'flex-end', width: '100%' }} wrap>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!ready} loading={busy} onClick={() => void apply()}>
          {t(`templates.confirm.${plan.kind}`)}
        </Button>
      </Space>
    </Space>
  );
}
