import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AppstoreAddOutlined,
  BarChartOutlined,
  CodeOutlined,
  DatabaseOutlined,
  FormOutlined,
  FunnelPlotOutlined,
  SafetyOutlined,
  TableOutlined,
  TeamOutlined,
  ApiOutlined,
  ThunderboltOutlined,
  HistoryOutlined,
  MessageOutlined,
  SettingOutlined,
} from '@ant-design/icons';

/** One section of the builder: a page under /builder/<key>, its own lazy chunk. */
export type BuilderSection = {
  /** URL segment: /builder/<key>. */
  key: string;
  /** Its name, a key of the builder's strings. */
  labelKey: string;
  icon: ReactNode;
  /**
   * Top-level spec properties edited here: a problem at /<part>/... links to this section
   * with `?at=<the problem's JSON pointer>`.
   */
  specParts: readonly string[];
  Page: LazyExoticComponent<ComponentType>;
  /** Menu order (gaps leave room for sections to come). */
  order: number;
};

const page = <K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> => lazy(() => load().then((m) => ({ default: m[name] })));

/**
 * The builder's sections, in menu order. A new section is one entry here (and its folder);
 * see "Adding a builder section" in apps/web/README.md.
 */
export const builderSections: BuilderSection[] = [
  {
    key: 'entities',
    labelKey: 'sections.entities',
    icon: <DatabaseOutlined />,
    specParts: ['entities'],
    Page: page(() => import('../entities/EntitiesSection'), 'EntitiesSection'),
    order: 10,
  },
  {
    key: 'forms',
    labelKey: 'sections.forms',
    icon: <FormOutlined />,
    specParts: ['forms'],
    Page: page(() => import('../forms/FormsSection'), 'FormsSection'),
    order: 20,
  },
  {
    key: 'pipelines',
    labelKey: 'sections.pipelines',
    icon: <FunnelPlotOutlined />,
    specParts: ['pipelines'],
    Page: page(() => import('../pipelines/PipelinesSection'), 'PipelinesSection'),
    order: 30,
  },
  {
    key: 'views',
    labelKey: 'sections.views',
    icon: <TableOutlined />,
    specParts: ['views'],
    Page: page(() => import('../views/ViewsSection'), 'ViewsSection'),
    order: 40,
  },
  {
    key: 'automations',
    labelKey: 'sections.automations',
    icon: <ThunderboltOutlined />,
    specParts: ['automations'],
    Page: page(() => import('../automations/AutomationsSection'), 'AutomationsSection'),
    order: 50,
  },
  {
    key: 'roles',
    labelKey: 'sections.roles',
    icon: <SafetyOutlined />,
    specParts: ['roles'],
    Page: page(() => import('../roles/RolesSection'), 'RolesSection'),
    order: 60,
  },
  {
    key: 'teams',
    labelKey: 'sections.teams',
    icon: <TeamOutlined />,
    specParts: ['teams'],
    Page: page(() => import('../teams/TeamsSection'), 'TeamsSection'),
    order: 70,
  },
  {
    key: 'intake',
    labelKey: 'sections.intake',
    icon: <ApiOutlined />,
    specParts: ['webhookSources'],
    Page: page(() => import('../intake/IntakeSection'), 'IntakeSection'),
    order: 80,
  },
  {
    key: 'dashboards',
    labelKey: 'sections.dashboards',
    icon: <BarChartOutlined />,
    specParts: ['dashboards'],
    Page: page(() => import('../dashboards/DashboardsSection'), 'DashboardsSection'),
    order: 85,
  },
  {
    key: 'activities',
    labelKey: 'sections.activities',
    icon: <MessageOutlined />,
    specParts: ['activityTypes', 'quickReplies'],
    Page: page(() => import('../activities/ActivitiesSection'), 'ActivitiesSection'),
    order: 90,
  },
  {
    key: 'app',
    labelKey: 'sections.app',
    icon: <SettingOutlined />,
    specParts: ['name', 'description', 'locales', 'defaultLocale', 'specVersion', '$schema'],
    Page: page(() => import('../app-settings/AppSettingsSection'), 'AppSettingsSection'),
    order: 95,
  },
  {
    key: 'json',
    labelKey: 'sections.json',
    icon: <CodeOutlined />,
    specParts: [],
    Page: page(() => import('../json/JsonSection'), 'JsonSection'),
    order: 100,
  },
  {
    key: 'history',
    labelKey: 'sections.history',
    icon: <HistoryOutlined />,
    specParts: [],
    Page: page(() => import('../history/HistorySection'), 'HistorySection'),
    order: 110,
  },
  {
    key: 'templates',
    labelKey: 'sections.templates',
    icon: <AppstoreAddOutlined />,
    specParts: [],
    Page: page(() => import('../templates/TemplatesSection'), 'TemplatesSection'),
    order: 120,
  },
].sort((a, b) => a.order - b.order);

/**
 * Where a problem at `path` (a JSON pointer into the spec) is fixed: its section with
 * `?at=<path>`, or the JSON tab at that place when no section edits it.
 */
export function locate(path: string): string {
  const part = decodeURIComponent(path.split('/')[1] ?? '');
  const section = builderSections.find((s) => s.specParts.includes(part));
  return `/builder/${section?.key ?? 'json'}?at=${encodeURIComponent(path)}`;
}
