import { useNavigate } from 'react-router';
import { Button, Card, List, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { NS } from '../messages';

/** The public forms of the live spec (`/forms`), each with its address and its share page. */
export function PublicFormsPage() {
  const { t } = useTranslation(NS);
  const label = useLabel();
  const spec = useLiveSpec();
  const navigate = useNavigate();
  const forms = (spec.forms ?? []).filter((f) => f.public && f.slug);
  return (
    <div className="form-share">
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('listTitle')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('listHelp')}</Typography.Paragraph>
      <Card>
        {forms.length === 0 ? (
          <EmptyState description={t('listEmpty')} />
        ) : (
          <List
            dataSource={forms}
            rowKey="key"
            renderItem={(form) => (
              <List.Item
                actions={[
                  <Button
                    key="share"
                    icon={<QrcodeOutlined />}
                    onClick={() => void navigate(`/forms/${encodeURIComponent(form.key)}/share`)}
                  >
                    {t('share')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={label(form.label, form.key)}
                  description={<Typography.Text code>/f/{form.slug}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
