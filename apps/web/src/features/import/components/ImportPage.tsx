import { useState } from 'react';
import { Alert, Button, Card, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useSignedIn } from '../../../lib/session/useMe';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import {
  cancelJob,
  errorReportUrl,
  fileValues,
  previewAgain,
  startImport,
  type ColumnValues,
  type Job,
  type Preview,
  type ReadSettings,
  type Upload,
  type ValueChoice,
} from '../api/imports';
import { useImportProgress } from '../hooks/useImportProgress';
import { JobSummary } from './JobSummary';
import { MappingStep, type MappingChoice } from './MappingStep';
import { RowReport } from './RowReport';
import { UploadStep } from './UploadStep';
import { UnmappedValues, ValuesStep } from './ValuesStep';

/** The chosen options: a person's earlier choice for a text stays, new texts take the suggestion. */
function mergeChoices(columns: ColumnValues[], before: ValueChoice): ValueChoice {
  const out: ValueChoice = {};
  for (const col of columns) {
    const prev = before[col.field] ?? {};
    out[col.field] = Object.fromEntries(
      col.values.map((v) => [
        v.text,
        Object.hasOwn(prev, v.text) ? (prev[v.text] ?? null) : v.option,
      ]),
    );
  }
  return out;
}

/** What the run is sent: only the texts that have an option. */
function chosenValues(choice: ValueChoice): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [field, texts] of Object.entries(choice)) {
    const set = Object.entries(texts).filter((e): e is [string, string] => e[1] !== null);
    if (set.length > 0) out[field] = Object.fromEntries(set);
  }
  return out;
}

/** `/import/:entity`: upload, map, dry run, run with progress, result with the error report. */
export function ImportPage() {
  const { entity: key = '' } = useParams();
  const spec = useLiveSpec();
  const me = useSignedIn();
  const entity = entityOf(spec, key);
  if (!entity || !me.capabilities.includes('import'))
    return <ErrorState error={new ApiError({ status: 404 })} />;
  return <Wizard key={entity.key} entity={entity.key} title={entity.pluralLabel ?? entity.label} />;
}

function Wizard({
  entity,
  title,
}: {
  entity: string;
  title: Parameters<ReturnType<typeof useLabel>>[0];
}) {
  const { t } = useTranslation('import');
  const label = useLabel();
  const phone = useIsPhone();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [settings, setSettings] = useState<ReadSettings>({});
  const [choice, setChoice] = useState<MappingChoice>({
    mapping: {},
    dedupe: 'skip',
    automations: false,
  });
  const [fileVals, setFileVals] = useState<ColumnValues[] | null>(null);
  const [values, setValues] = useState<ValueChoice>({});
  const [dry, setDry] = useState<Job | null>(null);
  const [run, setRun] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dryJob = useImportProgress(dry);
  const runJob = useImportProgress(run);
  const step = runJob ? 4 : dryJob ? 3 : preview && fileVals ? 2 : preview ? 1 : 0;
  // Only the columns still mapped to a select field count (the mapping may change after).
  const listed = (fileVals ?? []).filter((c) => choice.mapping[c.column] === c.field);

  const say = (e: unknown) =>
    setError(
      e instanceof ApiError
        ? e.problem.errors?.map((x) => x.message).join('；') || e.problem.detail || e.message
        : String(e),
    );
  const reread = (s: ReadSettings) => {
    setSettings(s);
    if (!upload) return;
    previewAgain(upload.id, entity, s)
      .then((p) => {
        setPreview(p);
        setChoice((c) => ({ ...c, mapping: p.mapping }));
      })
      .catch(say);
  };
  const start = (dryRun: boolean) => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    const picked = chosenValues(
      Object.fromEntries(listed.map((c) => [c.field, values[c.field] ?? {}])),
    );
    startImport({ upload: upload.id, entity, ...settings, ...choice, values: picked, dryRun })
      .then((j) => (dryRun ? setDry(j) : setRun(j)))
      .catch(say)
      .finally(() => setBusy(false));
  };

  // After the fields: the value step when a select column is mapped, else the dry run at once.
  const next = () => {
    if (!upload || !preview) return;
    const selects = new Set(preview.fields.filter((f) => f.options).map((f) => f.key));
    if (!Object.values(choice.mapping).some((f) => selects.has(f))) return start(true);
    setBusy(true);
    setError(null);
    fileValues(upload.id, entity, choice.mapping, settings)
      .then((cols) => {
        setValues((v) => mergeChoices(cols, v));
        setFileVals(cols);
      })
      .catch(say)
      .finally(() => setBusy(false));
  };

  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>
          {t('title', { entity: label(title, entity) })}
        </Typography.Title>
      </div>
      <Steps
        current={step}
        size="small"
        direction={phone ? 'vertical' : 'horizontal'}
        style={{ marginBottom: 24 }}
        items={[
          { title: t('step.upload') },
          { title: t('step.mapping') },
          { title: t('step.values') },
          { title: t('step.dryRun') },
          { title: t('step.run') },
        ]}
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error}
          role="alert"
          style={{ marginBottom: 16 }}
          closable
          onClose={() => setError(null)}
        />
      ) : null}
      {step === 0 ? (
        <UploadStep
          entity={entity}
          onUploaded={(u, p) => {
            setUpload(u);
            setPreview(p);
            setChoice((c) => ({ ...c, mapping: p.mapping }));
          }}
        />
      ) : null}
      {step === 1 && preview ? (
        <Card title={upload?.name} size="small">
          <MappingStep
            preview={preview}
            settings={settings}
            choice={choice}
            busy={busy}
            onSettings={reread}
            onChoice={setChoice}
            onNext={next}
          />
        </Card>
      ) : null}
      {step === 2 && preview && fileVals ? (
        <Card title={t('step.values')} size="small">
          <ValuesStep
            preview={preview}
            columns={listed}
            values={values}
            busy={busy}
            onValues={setValues}
            onBack={() => setFileVals(null)}
            onDryRun={() => start(true)}
          />
        </Card>
      ) : null}
      {step === 3 && dryJob ? (
        <Card title={t('dryRunTitle')} size="small">
          <JobSummary job={dryJob} />
          {dryJob.status !== 'running' ? (
            <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
              {dryJob.error ? <Alert type="error" showIcon message={dryJob.error} /> : null}
              {preview ? (
                <UnmappedValues preview={preview} columns={listed} values={values} />
              ) : null}
              <RowReport jobId={dryJob.id} dryRun />
              <Space wrap>
                <Button onClick={() => setDry(null)}>{t('backToMapping')}</Button>
                <Button
                  type="primary"
                  loading={busy}
                  disabled={dryJob.status !== 'done'}
                  onClick={() => start(false)}
                >
                  {t('runNow')}
                </Button>
              </Space>
            </Space>
          ) : null}
        </Card>
      ) : null}
      {step === 4 && runJob ? (
        <Card
          title={runJob.status === 'running' ? t('running') : t(`status.${runJob.status}`)}
          size="small"
        >
          <JobSummary job={runJob} />
          <Space wrap style={{ marginTop: 16 }}>
            {runJob.status === 'running' ? (
              <Button danger onClick={() => void cancelJob(runJob.id).catch(say)}>
                {t('cancel')}
              </Button>
            ) : (
              <>
                {runJob.failed > 0 ? (
                  <Button type="primary" href={errorReportUrl(runJob.id)}>
                    {t('downloadErrors')}
                  </Button>
                ) : null}
                <Link to={`/records/${entity}`}>
                  <Button>{t('toList')}</Button>
                </Link>
              </>
            )}
          </Space>
          {runJob.status !== 'running' && runJob.failed + runJob.skipped > 0 ? (
            <div style={{ marginTop: 16 }}>
              <RowReport jobId={runJob.id} dryRun={false} />
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
