import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../components/LanguageSwitch';

/** The centred card of the login and setup pages, language switch on top. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="trellis-auth">
      <div className="trellis-auth-lang">
        <LanguageSwitch />
      </div>
      <Card className="trellis-auth-card">
        <div className="trellis-auth-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Typography.Title level={4}>{title}</Typography.Title>
        {children}
      </Card>
    </main>
  );
}
