import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Button, Layout, theme } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useIsPhone } from '../../hooks/useIsPhone';
import { headerSlots, type HeaderSlot } from '../header-slots';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';

const PhoneMenu = lazy(() => import('./PhoneMenu').then((m) => ({ default: m.PhoneMenu })));

/** Menu at the side (a drawer on a phone), header with search, inbox, language and user. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [drawer, setDrawer] = useState(false);
  // Mounted from the first tap on, so the drawer's close keeps its motion.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const { token } = theme.useToken();
  const brand = (
    <Link to="/" className="trellis-brand" aria-label={t('app.name')}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <span>{t('app.name')}</span>
    </Link>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        drawerUsed ? (
          <Suspense fallback={null}>
            <PhoneMenu open={drawer} onClose={() => setDrawer(false)} title={brand} />
          </Suspense>
        ) : null
      ) : (
        <Layout.Sider
          theme="light"
          width={208}
          style={{ borderInlineEnd: `1px solid ${token.colorSplit}` }}
        >
          <div className="trellis-sider-brand">{brand}</div>
          <NavMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          className="trellis-header"
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorSplit}`,
          }}
        >
          {phone ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => {
                setDrawerUsed(true);
                setDrawer(true);
              }}
            />
          ) : null}
          <div className="trellis-header-main">
            {headerSlots
              .filter((s) => !s.end)
              .map((slot) => (
                <Slot key={slot.key} slot={slot} compact={phone} />
              ))}
          </div>
          {headerSlots
            .filter((s) => s.end)
            .map((slot) => (
              <Slot key={slot.key} slot={slot} compact={phone} />
            ))}
          {phone ? null : <LanguageSwitch signedIn />}
          <UserMenu compact={phone} />
        </Layout.Header>
        <Layout.Content
          className={phone ? 'trellis-content trellis-content-phone' : 'trellis-content'}
        >
          {children}
          {phone ? (
            <div className="trellis-phone-footer">
              <LanguageSwitch signedIn />
            </div>
          ) : null}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A header piece, holding its place while its chunk loads. */
function Slot({ slot, compact }: { slot: HeaderSlot; compact: boolean }) {
  const { Component, Placeholder } = slot;
  return (
    <Suspense fallback={<Placeholder compact={compact} />}>
      <Component compact={compact} />
    </Suspense>
  );
}
