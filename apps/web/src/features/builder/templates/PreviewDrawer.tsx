import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useLabel } from '../../../lib/i18n/useLabel';
import { fetchTemplate, templateKeys, type Named, type TemplateCard } from './api';
import { InstalledTag } from './TemplatesSection';

/** A template's contents before installing: entities, stages, automations, roles, screenshots. */
export function PreviewDrawer({
  card,
  onClose,
  onInstall,
}: {
  card: TemplateCard;
  onClose: () => void;
  onInstall: () => void;
}) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const phone = useIsPhone();
  const preview = useQuery({
    queryKey: templateKeys.one(card.name),
    queryFn: () => fetchTemplate(card.name),
  });
  const names = (items: Named[]): ReactNode =>
    items.length === 0 ? (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    ) : (
      <Space size={[4, 4]} wrap>
        {items.map((i) => (
          <Tag key={i.key} style={{ marginInlineEnd: 0 }}>
            {label(i.label as never, i.key)}
          </Tag>
        ))}
      </Space>
    );
  return (
    <Drawer
      open
      title={label(card.label as never, card.name)}
      width={phone ? '100%' : 640}
      onClose={onClose}
      extra={
        card.offer === 'older' ? null : (
          <Button type="primary" onClick={onInstall}>
            {t(`templates.action.${card.offer}`)}
          </Button>
        )
      }
    >
      <QueryBoundary query={preview} rows={8}>
        {(p) => (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <InstalledTag item={card} />
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {label(p.description as never, '')}
            </Typography.Paragraph>
            {p.previews.length > 0 ? (
              <Image.PreviewGroup>
                <Space size={8} wrap>
                  {p.previews.map((src, i) => (
                    <Image
                      key={src}
                      src={src}
                      width={phone ? '100%' : 180}
                      alt={t('templates.screenshot', { n: i + 1 })}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ) : null}
            <Descriptions
              column={1}
              bordered
              size="small"
              layout={phone ? 'vertical' : 'horizontal'}
              items={[
                {
                  key: 'entities',
                  label: t('templates.count.entities', { count: p.entities.length }),
                  children: names(p.entities),
                },
                ...p.pipelines.map((pl) => ({
                  key: `pipeline-${pl.key}`,
                  label: t('templates.count.stages', {
                    count: pl.stages.length,
                    name: label(pl.label as never, pl.key),
                  }),
                  children: (
                    <Typography.Text>
                      {pl.stages.map((s) => label(s.label as never, s.key)).join(' → ')}
                    </Typography.Text>
                  ),
                })),
                {
                  key: 'automations',
                  label: t('templates.count.automations', { count: p.automations.length }),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {p.automations.map((a) => (
                        <li key={a.key}>{label(a.label as never, a.key)}</li>
                      ))}
                    </ul>
                  ),
                },
                {
                  key: 'roles',
                  label: t('templates.count.roles', { count: p.roles.length }),
                  children: names(p.roles),
                },
                {
                  key: 'forms',
                  label: t('templates.count.forms', { count: p.forms.length }),
                  children: names(p.forms),
                },
                {
                  key: 'dashboards',
                  label: t('templates.count.dashboards', { count: p.dashboards.length }),
                  children: names(p.dashboards),
                },
              ]}
            />
          </Space>
        )}
      </QueryBoundary>
    </Drawer>
  );
}
