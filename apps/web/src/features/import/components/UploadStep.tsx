import { useState } from 'react';
import { Alert, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api/problem';
import { uploadFile, type Preview, type Upload as Uploaded } from '../api/imports';

type Props = { entity: string; onUploaded: (upload: Uploaded, preview: Preview) => void };

/** Step 1: drop a CSV or Excel file; a file that cannot be imported says why here. */
export function UploadStep({ entity, onUploaded }: Props) {
  const { t } = useTranslation('import');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div style={{ maxWidth: 640 }}>
      <Upload.Dragger
        accept=".csv,.txt,.tsv,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        customRequest={({ file }) => {
          setBusy(true);
          setError(null);
          uploadFile(entity, file as File)
            .then((r) => onUploaded(r.upload, r.preview))
            .catch((e: unknown) =>
              setError(e instanceof ApiError ? (e.problem.detail ?? e.message) : t('uploadFailed')),
            )
            .finally(() => setBusy(false));
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? t('uploading') : t('dropHere')}</p>
        <p className="ant-upload-hint">{t('formats')}</p>
      </Upload.Dragger>
      {error ? (
        <Alert style={{ marginTop: 16 }} type="error" showIcon message={error} role="alert" />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('uploadHint')}
      </Typography.Paragraph>
    </div>
  );
}
