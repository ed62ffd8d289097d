import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useLabel } from '../../../lib/i18n/useLabel';
import { listTemplates, templateKeys, type TemplateCard } from './api';
import { InstallDialog } from './InstallDialog';
import { PreviewDrawer } from './PreviewDrawer';

/** The template gallery: the templates shipped with Trellis, to preview, install or upgrade. */
export function TemplatesSection() {
  const { t } = useTranslation('builder');
  const list = useQuery({ queryKey: templateKeys.list(), queryFn: listTemplates });
  const [previewing, setPreviewing] = useState<TemplateCard | null>(null);
  const [installing, setInstalling] = useState<TemplateCard | null>(null);
  return (
    <QueryBoundary query={list}>
      {(items) =>
        items.length === 0 ? (
          <EmptyState description={t('templates.empty')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('templates.intro')}</Typography.Paragraph>
            <Row gutter={[16, 16]}>
              {items.map((item) => (
                <Col key={item.name} xs={24} md={12} xl={8}>
                  <TemplateCardView
                    item={item}
                    onPreview={() => setPreviewing(item)}
                    onInstall={() => setInstalling(item)}
                  />
                </Col>
              ))}
            </Row>
            {previewing ? (
              <PreviewDrawer
                card={previewing}
                onClose={() => setPreviewing(null)}
                onInstall={() => {
                  setInstalling(previewing);
                  setPreviewing(null);
                }}
              />
            ) : null}
            {installing ? (
              <InstallDialog card={installing} onClose={() => setInstalling(null)} />
            ) : null}
          </>
        )
      }
    </QueryBoundary>
  );
}

function TemplateCardView({
  item,
  onPreview,
  onInstall,
}: {
  item: TemplateCard;
  onPreview: () => void;
  onInstall: () => void;
}) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const action = item.offer;
  const title = label(item.label as never, item.name);
  return (
    <Card
      title={title}
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1 } }}
      data-template={item.name}
      extra={<Tag>{`v${item.version}`}</Tag>}
      cover={
        item.previews[0] ? (
          <img
            src={item.previews[0]}
            alt={t('templates.screenshotOf', { name: title })}
            style={{ aspectRatio: '16 / 9', objectFit: 'cover' }}
          />
        ) : undefined
      }
      actions={[
        <Button key="preview" type="link" onClick={onPreview}>
          {t('templates.preview')}
        </Button>,
        <Button
          key="install"
          type="link"
          disabled={action === 'older'}
          onClick={onInstall}
          aria-label={`${t(`templates.action.${action}`)} ${title}`}
        >
          {t(`templates.action.${action}`)}
        </Button>,
      ]}
    >
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <InstalledTag item={item} />
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 4, expandable: 'collapsible' }}
          style={{ marginBottom: 0 }}
        >
          {label(item.description as never, '')}
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}

/** Whether the template is in the workspace, and at which version. */
export function InstalledTag({ item }: { item: TemplateCard }) {
  const { t } = useTranslation('builder');
  const action = item.offer;
  if (action === 'install') return <Tag>{t('templates.notInstalled')}</Tag>;
  return (
    <Space size={4} wrap>
      <Tag color="green">{t('templates.installed', { version: item.installed })}</Tag>
      {action === 'upgrade' ? (
        <Tag color="blue">{t('templates.upgradeTo', { version: item.version })}</Tag>
      ) : null}
    </Space>
  );
}
