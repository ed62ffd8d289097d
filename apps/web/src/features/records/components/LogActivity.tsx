import { useState } from 'react';
import { App, Button, Input, Segmented, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/api/error-text';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { logActivity } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { RecordData } from '../../../lib/records/types';
import { useLiveSpec } from '../../../lib/session/useSpec';

/** Replaces `{{field}}` in a quick reply with the record's value as the user reads it. */
function fillTemplate(body: string, value: (key: string) => string): string {
  return body.replace(/\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g, (_, key: string) => value(key));
}

type Props = { entity: string; record: RecordData; text: (key: string, value: unknown) => string };

/**
 * Log a follow-up in two clicks: a quick reply fills the note (its activity type too), Log
 * saves it. The type and the note can be changed before saving.
 */
export function LogActivity({ entity, record, text }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  const spec = useLiveSpec();
  const client = useQueryClient();
  const types = spec.activityTypes ?? [];
  const [type, setType] = useState(types[0]?.key ?? 'note');
  const [body, setBody] = useState('');
  const replies = (spec.quickReplies ?? []).filter(
    (q) => !q.activityType || q.activityType === type,
  );
  const log = useMutation({
    mutationFn: () =>
      logActivity(entity, record.id, { type, ...(body.trim() ? { body: body.trim() } : {}) }),
    onSuccess: () => {
      setBody('');
      void client.invalidateQueries({ queryKey: recordKeys.detail(entity, record.id) });
      message.success(t('activity.logged'));
    },
  });
  const error = log.error;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {types.length > 0 ? (
        <Segmented
          aria-label={t('activity.type')}
          value={type}
          onChange={(v) => setType(String(v))}
          options={types.map((a) => ({ value: a.key, label: label(a.label, a.key) }))}
          // Wraps rather than scrolls: a scrolled strip hid the last types ("Quote / pro…", no
          // "Note") with nothing to say more were there.
          className="trellis-segmented-wrap"
        />
      ) : null}
      {replies.length > 0 ? (
        <div className="trellis-quick-replies" aria-label={t('activity.quickReplies')}>
          {replies.map((q) => (
            <Tag.CheckableTag
              key={q.key}
              checked={false}
              onChange={() => {
                if (q.activityType) setType(q.activityType);
                setBody(fillTemplate(label(q.body), (k) => text(k, record[k])));
              }}
            >
              {label(q.label, q.key)}
            </Tag.CheckableTag>
          ))}
        </div>
      ) : null}
      <Input.TextArea
        aria-label={t('activity.note')}
        placeholder={t('activity.placeholder')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        // Grows with its text by CSS (app.css): Ant Design's autoSize measured a hidden copy as
        // the record page mounted, forcing the whole new page's style and layout there and then.
        rows={2}
        className="trellis-autogrow"
        status={error ? 'error' : undefined}
      />
      {error ? (
        <div className="trellis-error-text" role="alert">
          {(error instanceof ApiError ? error.errors[0]?.message : undefined) ??
            errorText(error, t)}
        </div>
      ) : null}
      <Button type="primary" onClick={() => log.mutate()} loading={log.isPending}>
        {t('activity.log')}
      </Button>
    </Space>
  );
}
