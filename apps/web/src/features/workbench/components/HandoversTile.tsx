import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addFeatureStrings } from '../../../lib/i18n/i18n';
import { useUsers } from '../../../lib/session/useUsers';
import { usePendingHandovers } from '../../../lib/work/api';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';

// With the workbench's chunk, not the shell's (namespace "workbench").
addFeatureStrings('workbench', { 'zh-CN': zhCN, en });

/**
 * Handovers waiting for me to accept, on top of every workbench while there are any: a record
 * handed over with `acknowledge` stays with its previous owner until I accept it.
 */
export function HandoversTile() {
  const { t } = useTranslation('workbench');
  const users = useUsers();
  const pending = usePendingHandovers().data ?? [];
  if (pending.length === 0) return null;
  const name = (id: string | null) =>
    id ? users.byId.get(id)?.name || users.byId.get(id)?.login || id : '—';
  return (
    <Card
      size="small"
      title={t('handovers.title')}
      extra={<Link to="/handovers">{t('handovers.open')}</Link>}
      style={{ marginBottom: 16 }}
      role="region"
      aria-label={t('handovers.title')}
    >
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {t('handovers.waiting', { count: pending.length })}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={pending.slice(0, 5)}
        renderItem={(h) => (
          <List.Item key={h.id} style={{ paddingInline: 0 }}>
            <Link to={`/records/${h.entity}/${h.recordId}`} className="trellis-ellipsis">
              {h.summary?.title ?? h.recordId}
            </Link>
            <Typography.Text
              type="secondary"
              style={{ whiteSpace: 'nowrap', marginInlineStart: 8 }}
            >
              {t('handovers.from', { name: name(h.fromUserId) })}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
