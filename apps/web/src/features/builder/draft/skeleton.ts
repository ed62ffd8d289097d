import type { AppSpec } from '@trellis/spec';

/** The spec a builder starts from in an empty workspace (nothing published yet). */
export function emptySpec(locale: 'zh-CN' | 'en'): AppSpec {
  return {
    specVersion: 1,
    name: { 'zh-CN': '我的 CRM', en: 'My CRM' },
    locales: ['zh-CN', 'en'],
    defaultLocale: locale,
    entities: [],
  } as unknown as AppSpec;
}

const LISTS = [
  'entities',
  'forms',
  'pipelines',
  'automations',
  'roles',
  'teams',
  'views',
  'dashboards',
  'activityTypes',
  'quickReplies',
  'webhookSources',
] as const;

/**
 * A stored draft the builder can edit: whatever a script saved (drafts may be invalid) keeps
 * every property; only what the builder needs to walk is made present. Lists other than
 * `entities` stay absent when absent (an empty list is not written back for nothing).
 */
export function editableSpec(stored: unknown, locale: 'zh-CN' | 'en'): AppSpec {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
    return emptySpec(locale);
  const spec = { ...(stored as Record<string, unknown>) };
  for (const key of LISTS) if (spec[key] !== undefined && !Array.isArray(spec[key])) spec[key] = [];
  if (!Array.isArray(spec.entities)) spec.entities = [];
  return spec as unknown as AppSpec;
}
