import { Menu, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { builderSections } from './sections';

/** The builder's sections: a menu on wide screens, a picker on a phone. */
export function SectionNav() {
  const { t } = useTranslation('builder');
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.split('/')[2] ?? '';
  const items = builderSections.map((s) => ({ key: s.key, icon: s.icon, label: t(s.labelKey) }));
  if (phone)
    return (
      <Select
        aria-label={t('sections.label')}
        value={current || undefined}
        options={items.map((i) => ({ value: i.key, label: i.label }))}
        onChange={(key: string) => navigate(`/builder/${key}`)}
        style={{ width: '100%', marginBottom: 12 }}
      />
    );
  return (
    <Menu
      mode="horizontal"
      aria-label={t('sections.label')}
      selectedKeys={[current]}
      items={items}
      onClick={({ key }) => navigate(`/builder/${key}`)}
      style={{ marginBottom: 16 }}
    />
  );
}
