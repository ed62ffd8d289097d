import { Alert, List, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordForm } from '@trellis/forms';
import { ApiError } from '../../lib/api/problem';
import { useLocale } from '../../lib/i18n/useLocale';
import { moveStage } from '../../lib/records/api';
import type { RecordData } from '../../lib/records/types';
import { useSignedIn } from '../../lib/session/useMe';
import { useLiveSpec } from '../../lib/session/useSpec';
import { FormGate } from './FormGate';
import { formErrors, useFormRights } from './form-rights';
import { useFormServices } from './useFormServices';

/** A move the stage gate refused: the record, where it was going and the server's problem. */
export type Refusal = {
  entity: string;
  record: RecordData;
  stage: string;
  stageLabel: string;
  error: ApiError;
};

type Props = {
  refusal: Refusal | null;
  onClose: () => void;
  /** The record after the move (written with the fields filled in here). */
  onMoved: (record: RecordData) => void;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A stage move the gate refused. The fields the stage requires open as a form (RecordForm with
 * the target stage) and are written with the move in one request; every other failing condition
 * (a transition not allowed, a condition, an activity to log first) is listed as the server
 * said it. Cancel leaves the record where it was.
 */
export function StageMoveDialog({ refusal, onClose, onMoved }: Props) {
  const { t } = useTranslation();
  const missing = refusal?.error.errors.filter((e) => e.code === 'stage_requires') ?? [];
  const other = refusal?.error.errors.filter((e) => e.code !== 'stage_requires') ?? [];
  return (
    <Modal
      open={refusal !== null}
      title={refusal ? t('stage.refusedTitle', { stage: refusal.stageLabel }) : ''}
      onCancel={onClose}
      footer={missing.length > 0 ? null : undefined}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      {refusal ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={missing.length > 0 ? t('stage.fillToMove') : refusal.error.message}
            style={{ marginBottom: 12 }}
          />
          {other.length > 0 ? (
            <List
              size="small"
              dataSource={other}
              renderItem={(e) => <List.Item>{e.message}</List.Item>}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          {missing.length > 0 ? (
            <FormGate entity={refusal.entity}>
              <StageForm refusal={refusal} onMoved={onMoved} />
            </FormGate>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}

function StageForm({ refusal, onMoved }: { refusal: Refusal; onMoved: (r: RecordData) => void }) {
  const { t } = useTranslation();
  const spec = useLiveSpec();
  const locale = useLocale();
  const services = useFormServices();
  const me = useSignedIn();
  const rights = useFormRights(refusal.entity);
  return (
    <RecordForm
      spec={spec}
      entity={refusal.entity}
      stage={refusal.stage}
      locale={locale}
      services={services}
      current={refusal.record}
      initialValues={refusal.record}
      hidden={rights.hidden}
      readOnlyFields={rights.readOnly}
      {...(me.user ? { user: rights.user } : {})}
      submitLabel={t('stage.fillAndMove', { stage: refusal.stageLabel })}
      ariaLabel={t('stage.formLabel', { stage: refusal.stageLabel })}
      onSubmit={async (values) => {
        // Only what changed goes with the move: unchanged read-only fields stay out of it.
        const changed = Object.fromEntries(
          Object.entries(values).filter(([k, v]) => !same(v, refusal.record[k])),
        );
        try {
          onMoved(
            await moveStage(refusal.entity, refusal.record.id, refusal.stage, {
              version: refusal.record.version,
              values: changed,
            }),
          );
          return undefined;
        } catch (err) {
          if (err instanceof ApiError) return { errors: formErrors(err) };
          throw err;
        }
      }}
    />
  );
}
