import type { ComponentType, ReactNode } from 'react';
import type { AppSpec } from '@trellis/spec';
import {
  BarChartOutlined,
  BellOutlined,
  BuildOutlined,
  HomeOutlined,
  SwapOutlined,
  TeamOutlined,
  QrcodeOutlined,
  TableOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import i18next from 'i18next';
import { labelOf } from '../lib/i18n/label';
import type { Locale } from '../lib/i18n/locale';
import type { Me } from '../lib/session/types';
import { HandoversBadge } from './layout/HandoversBadge';

/** One menu entry: where it goes and whether this user sees it. */
export type NavItem = {
  key: string;
  path: string;
  icon: ReactNode;
  /** An i18n key, or a spec label already resolved by `label`. */
  labelKey?: string;
  label?: (locale: Locale) => string;
  /** Shown only when this holds (a capability, a right on an entity). */
  visible: (me: Me, spec: AppSpec) => boolean;
  /** Menu order; entities come between home and the tools. */
  order: number;
  /** A live count at the item's end (it renders nothing while there is nothing to count). */
  Badge?: ComponentType;
};

const always = () => true;

/**
 * The menu registry. A feature that adds a page adds one entry here with the capability that
 * shows it (the builder: `build`; dashboards: `viewReports`; import: `import`).
 */
const staticNav: NavItem[] = [
  {
    key: 'home',
    path: '/',
    icon: <HomeOutlined />,
    labelKey: 'nav.home',
    visible: always,
    order: 0,
  },
  {
    key: 'inbox',
    path: '/inbox',
    icon: <BellOutlined />,
    labelKey: 'nav.inbox',
    visible: always,
    order: 50,
  },
  {
    key: 'handovers',
    path: '/handovers',
    icon: <SwapOutlined />,
    labelKey: 'nav.handovers',
    visible: always,
    order: 52,
    Badge: HandoversBadge,
  },
  {
    key: 'rep-leaves',
    path: '/handovers/leave',
    icon: <SwapOutlined />,
    labelKey: 'nav.leave',
    visible: (me) => me.capabilities.includes('reassign'),
    order: 75,
  },
  {
    key: 'people',
    path: '/people',
    icon: <TeamOutlined />,
    labelKey: 'nav.people',
    visible: (me) => me.capabilities.includes('manageUsers'),
    order: 78,
  },
  {
    key: 'automation-runs',
    path: '/automations/runs',
    icon: <ThunderboltOutlined />,
    labelKey: 'nav.automationRuns',
    visible: (me) =>
      (['manageAutomations', 'build', 'monitor'] as string[]).some((c) =>
        (me.capabilities as string[]).includes(c),
      ),
    order: 80,
  },
  {
    key: 'public-forms',
    path: '/forms',
    icon: <QrcodeOutlined />,
    labelKey: 'nav.publicForms',
    visible: (me) => me.capabilities.includes('build'),
    order: 85,
  },
  {
    key: 'dashboards',
    path: '/dashboards',
    icon: <BarChartOutlined />,
    labelKey: 'nav.dashboards',
    // viewReports, a role a dashboard names, or a role whose workbench names a dashboard (a
    // rep's own numbers); the server decides which dashboards exactly (docs/reports.md).
    visible: (me, spec) =>
      (spec.dashboards ?? []).length > 0 &&
      ((me.capabilities as string[]).includes('viewReports') ||
        (spec.dashboards ?? []).some(
          (d) => me.role.key !== null && d.roles?.includes(me.role.key),
        ) ||
        (me.role.workbench ?? []).some((i) => i.type === 'dashboard')),
    order: 60,
  },
  {
    key: 'builder',
    path: '/builder',
    icon: <BuildOutlined />,
    labelKey: 'nav.builder',
    visible: (me) => me.capabilities.includes('build'),
    order: 90,
  },
];

/** One entry per entity the user may read, from the spec (no per-entity code). */
function entityNav(spec: AppSpec, me: Me): NavItem[] {
  return spec.entities
    .filter((e) => (me.entities[e.key]?.read ?? 'none') !== 'none')
    .map((e, i) => ({
      key: `entity:${e.key}`,
      path: `/records/${e.key}`,
      icon: <TableOutlined />,
      label: (locale: Locale) => labelOf(e.pluralLabel ?? e.label, locale, e.key),
      visible: always,
      order: 10 + i,
    }));
}

/**
 * The public pool of each entity with one, for the roles the pool names (or anyone with
 * `reassign`) whose read scope takes in the pool — the server checks the same (docs/handover.md).
 */
function poolNav(spec: AppSpec, me: Me): NavItem[] {
  return spec.entities
    .filter((e) => e.pool === true && e.owned !== false)
    .filter((e) => {
      const read = me.entities[e.key]?.read ?? 'none';
      const roles = e.poolPolicy?.roles;
      const listed =
        !roles || me.capabilities.includes('reassign') || roles.includes(me.role.key ?? '');
      return (read === 'all' || read.endsWith('+pool')) && listed;
    })
    .map((e, i) => ({
      key: `pool:${e.key}`,
      path: `/pool/${e.key}`,
      icon: <TableOutlined />,
      label: (locale: Locale) =>
        i18next.t('nav.pool', { lng: locale, entity: labelOf(e.label, locale, e.key) }),
      visible: always,
      order: 40 + i,
    }));
}

/** The menu of this user, in order. */
export function navFor(me: Me, spec: AppSpec): NavItem[] {
  return [...staticNav, ...entityNav(spec, me), ...poolNav(spec, me)]
    .filter((item) => item.visible(me, spec))
    .sort((a, b) => a.order - b.order);
}
