import { Button, Flex, Select, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { builderSections } from './sections';

/**
 * The builder's sections: a row of tabs on wide screens that wraps rather than hiding sections
 * behind "…" (a horizontal menu folded five of twelve at 1366 px), a picker on a phone.
 */
export function SectionNav() {
  const { t } = useTranslation('builder');
  const { token } = theme.useToken();
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
    <nav aria-label={t('sections.label')}>
      <Flex
        wrap
        gap={2}
        style={{ marginBottom: 16, borderBottom: `1px solid ${token.colorSplit}` }}
      >
        {items.map((i) => {
          const active = i.key === current;
          return (
            <Button
              key={i.key}
              type="text"
              icon={i.icon}
              aria-current={active ? 'page' : undefined}
              onClick={() => navigate(`/builder/${i.key}`)}
              style={{
                borderRadius: 0,
                paddingInline: 10,
                height: 40,
                color: active ? token.colorPrimary : undefined,
                borderBottom: `2px solid ${active ? token.colorPrimary : 'transparent'}`,
                marginBottom: -1,
              }}
            >
              {i.label}
            </Button>
          );
        })}
      </Flex>
    </nav>
  );
}
