import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSpec } from '@trellis/spec';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { ApiError } from '../../../lib/api/problem';
import { sessionKeys } from '../../../lib/session/keys';
import { builderKeys, type PublishAnswer } from '../draft/api';
import { intakeKeys } from '../intake/useIntakeHealth';
import { ProblemList } from './ProblemList';
import { PlanView } from './PlanView';
import { isDestructive } from './describe';
import type { PublishPreview, Resolution } from './types';

export type PlanDialogProps = {
  title: string;
  okText: string;
  /** Validates and plans (a 422 ApiError carries validateSpec's problems). */
  load: () => Promise<PublishPreview>;
  /** Publishes with the builder's note and choices. */
  commit: (note: string, resolutions: Record<string, Resolution>) => Promise<PublishAnswer>;
  /** Names of entities and fields for the sentences (the draft, with removed ones kept). */
  names: AppSpec;
  onDone: (answer: PublishAnswer) => void;
  onClose: () => void;
};

/**
 * Shows what publishing does before it does it: the changes, the migration plan with measured
 * warnings and record counts, a choice for every blocking warning and an explicit "I understand"
 * for steps that archive data. Nothing is published until the builder confirms.
 */
export function PlanDialog(props: PlanDialogProps) {
  const { t } = useTranslation('builder');
  const { message } = App.useApp();
  const client = useQueryClient();
  const preview = useQuery({
    queryKey: [...builderKeys.all, 'plan'],
    queryFn: props.load,
    gcTime: 0,
    retry: false,
  });
  const [resolutions, setResolutions] = useState<Record<string, Resolution>>({});
  const [understood, setUnderstood] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const plan = preview.data?.plan;
  const destructive = plan?.steps.filter(isDestructive) ?? [];
  const unresolved = plan?.blocking.filter((id) => !resolutions[id]) ?? [];
  const ready =
    Boolean(plan) && unresolved.length === 0 && (destructive.length === 0 || understood);
  const commit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await props.commit(note.trim(), resolutions);
      await client.invalidateQueries({ queryKey: sessionKeys.all });
      await client.invalidateQueries({ queryKey: builderKeys.versions() });
      // A source just published shows its endpoint and health now, not at the next refresh.
      void client.invalidateQueries({ queryKey: intakeKeys.sources });
      void message.success(
        answer.unchanged ? t('publish.unchanged') : t('publish.done', { version: answer.version }),
      );
      props.onDone(answer);
    } catch (err) {
      setFailure(err instanceof ApiError ? err : new ApiError({ status: 0, code: 'network' }));
    } finally {
      setBusy(false);
    }
  };
  const invalid =
    preview.error instanceof ApiError && preview.error.status === 422 ? preview.error : null;
  return (
    <Modal
      open
      title={props.title}
      width={760}
      onCancel={props.onClose}
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!ready} loading={busy} onClick={() => void commit()}>
            {props.okText}
          </Button>
        </Space>
      }
    >
      {preview.isPending ? (
        <LoadingState rows={6} />
      ) : invalid ? (
        <>
          <Alert
            type="error"
            showIcon
            title={t('publish.invalid', { count: invalid.errors.length })}
            style={{ marginBottom: 12 }}
          />
          <ProblemList problems={invalid.errors} onNavigate={props.onClose} />
        </>
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <>
          <PlanView
            preview={preview.data}
            names={props.names}
            resolutions={resolutions}
            onResolve={(id, r) => setResolutions((all) => ({ ...all, [id]: r }))}
          />
          {destructive.length > 0 ? (
            <Checkbox
              checked={understood}
              onChange={(e) => setUnderstood(e.target.checked)}
              style={{ marginTop: 12 }}
            >
              {t('publish.understand')}
            </Checkbox>
          ) : null}
          {unresolved.length > 0 ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
              {t('publish.chooseFirst', { count: unresolved.length })}
            </Typography.Paragraph>
          ) : null}
          <Input.TextArea
            aria-label={t('publish.note')}
            placeholder={t('publish.notePlaceholder')}
            value={note}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 3 }}
            onChange={(e) => setNote(e.target.value)}
            style={{ marginTop: 12 }}
          />
          {failure ? (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={
                failure.status === 409
                  ? t('publish.conflict')
                  : (failure.problem.detail ?? failure.message)
              }
              description={
                failure.errors.length > 0 ? (
                  <ProblemList problems={failure.errors} onNavigate={props.onClose} />
                ) : undefined
              }
            />
          ) : null}
        </>
      )}
    </Modal>
  );
}
