import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLocale } from '../../lib/i18n/useLocale';
import { useSignedIn } from '../../lib/session/useMe';
import { useLiveSpec } from '../../lib/session/useSpec';
import { navFor } from '../navigation';

/** The menu from the navigation registry, the current page selected. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedIn();
  const spec = useLiveSpec();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navFor(me, spec);
  const selected = [...items]
    .filter((i) => (i.path === '/' ? pathname === '/' : pathname.startsWith(i.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.key] : []}
      items={items.map((i) => ({
        key: i.key,
        icon: i.icon,
        label: i.label ? i.label(locale) : t(i.labelKey ?? i.key),
        extra: i.Badge ? <i.Badge /> : undefined,
        onClick: () => {
          navigate(i.path);
          onNavigate?.();
        },
      }))}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
