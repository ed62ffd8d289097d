import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicForm } from '@trellis/rules';
import { request } from '../../../lib/api/client';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { NS } from '../messages';
import { formLink, frameSnippet, scriptSnippet, type Tags } from '../share-links';
import { CopyField } from './CopyField';
import { QrCard } from './QrCard';

/**
 * The builder's share page of a public form (`/forms/:form/share`): its link tagged with a
 * channel, a QR code to print, and the snippets that embed it in a school's own site.
 */
export function FormSharePage() {
  const { t } = useTranslation(NS);
  const label = useLabel();
  const key = useParams().form ?? '';
  const query = useQuery({
    queryKey: ['public-form', key],
    queryFn: () => request<PublicForm>('GET', `/api/v1/public/forms/${encodeURIComponent(key)}`),
  });
  const [tags, setTags] = useState<Tags>({ source: '', campaign: '' });
  const origin = window.location.origin;
  const form = query.data?.form;
  const link = useMemo(
    () => (form?.slug ? formLink(origin, form.slug, tags) : ''),
    [form, origin, tags],
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError || !form?.slug)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const title = label(form.label);
  return (
    <div className="form-share">
      <div className="trellis-page-title">
        <Typography.Title level={3}>
          {t('title')} · {title}
        </Typography.Title>
      </div>
      <Row gutter={[24, 24]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          <Card title={t('link')}>
            <Typography.Paragraph type="secondary">{t('linkHelp')}</Typography.Paragraph>
            <Form layout="vertical" requiredMark={false}>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item label={t('channel')} extra={t('channelHelp')} htmlFor="share-source">
                    <Input
                      id="share-source"
                      value={tags.source}
                      placeholder="poster"
                      onChange={(e) => setTags({ ...tags, source: e.target.value })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item label={t('campaign')} htmlFor="share-campaign">
                    <Input
                      id="share-campaign"
                      value={tags.campaign}
                      placeholder="spring-open-day"
                      onChange={(e) => setTags({ ...tags, campaign: e.target.value })}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
            <CopyField id="share-link" label={t('link')} value={link} openable />
          </Card>
          <Card title={t('embed')} style={{ marginTop: 24 }}>
            <CopyField
              id="share-script"
              label={t('embedScript')}
              value={scriptSnippet(origin, form.slug)}
              multiline
            />
            <CopyField
              id="share-frame"
              label={t('embedFrame')}
              value={frameSnippet(origin, form.slug, title)}
              multiline
            />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          <QrCard link={link} fileName={`${form.slug}${tags.source ? `-${tags.source}` : ''}`} />
        </Col>
      </Row>
    </div>
  );
}
