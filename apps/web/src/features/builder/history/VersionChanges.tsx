import { useQuery } from '@tanstack/react-query';
import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useLabel } from '../../../lib/i18n/useLabel';
import { builderKeys, fetchVersion } from '../draft/api';
import { changeText } from '../publish/describe';

/** What one published version changed, in sentences. */
export function VersionChanges({ version }: { version: number }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const lbl = (l: unknown, fallback: string) => label(l as never, fallback);
  const detail = useQuery({
    queryKey: builderKeys.version(version),
    queryFn: () => fetchVersion(version),
  });
  return (
    <QueryBoundary query={detail} rows={2}>
      {(v) => {
        const diff = v.changes?.diff ?? [];
        if (v.changes?.restoredFrom)
          return (
            <Typography.Text>
              {t('history.restoredFrom', { version: v.changes.restoredFrom })}
            </Typography.Text>
          );
        if (diff.length === 0)
          return <Typography.Text type="secondary">{t('history.first')}</Typography.Text>;
        return (
          <List
            size="small"
            dataSource={diff}
            renderItem={(c) => <List.Item>{changeText(t, c, v.spec, lbl)}</List.Item>}
          />
        );
      }}
    </QueryBoundary>
  );
}
