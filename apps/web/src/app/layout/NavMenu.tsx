import { memo, useMemo } from 'react';
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useLocale } from '../../lib/i18n/useLocale';
import { useShellNavigate } from '../../lib/router/useShellNavigate';
import { useSignedIn } from '../../lib/session/useMe';
import { useLiveSpec } from '../../lib/session/useSpec';
import { navFor, type NavItem } from '../navigation';

/** The menu from the navigation registry, the current page selected. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useSignedIn();
  const spec = useLiveSpec();
  const { pathname } = useLocation();
  const items = useMemo(() => navFor(me, spec), [me, spec]);
  const selected = [...items]
    .filter((i) => (i.path === '/' ? pathname === '/' : pathname.startsWith(i.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return <NavItems items={items} selected={selected?.key} onNavigate={onNavigate} />;
}

/**
 * The menu itself, drawn again only when the selected entry or the entries change: a navigation
 * within one entry (a list to one of its records) leaves it alone.
 */
const NavItems = memo(function NavItems({
  items,
  selected,
  onNavigate,
}: {
  items: NavItem[];
  selected: string | undefined;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useShellNavigate();
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
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
});
