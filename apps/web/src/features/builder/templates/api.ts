import type { AppSpec } from '@trellis/spec';
import { request } from '../../../lib/api/client';
import type { PublishPreview, Resolution } from '../publish/types';

type LocaleText = Partial<Record<'zh-CN' | 'en', string>>;
export type Named = { key: string; label: LocaleText | null };

/** A card of the gallery (GET /api/v1/templates). */
export type TemplateCard = {
  name: string;
  version: string;
  label: LocaleText | null;
  description: LocaleText | null;
  previews: string[];
  /** The installed version; null: not installed. */
  installed: string | null;
  /** What applying it does; `older`: a newer version is installed (nothing to do). */
  offer: 'install' | 'upgrade' | 'reinstall' | 'older';
};

/** What a template brings (GET /api/v1/templates/{name}). */
export type TemplatePreview = TemplateCard & {
  entities: Named[];
  pipelines: (Named & { entity: string | null; stages: Named[] })[];
  automations: Named[];
  roles: Named[];
  forms: Named[];
  dashboards: Named[];
};

export type ConflictChoice = 'ours' | 'theirs';
export type Conflict = {
  path: string;
  base?: unknown;
  ours?: unknown;
  theirs?: unknown;
  chosen: ConflictChoice;
};

/** The plan of installing or upgrading (POST /api/v1/templates/{name}/plan?spec=1). */
export type TemplatePlan = {
  name: string;
  version: string;
  installed: string | null;
  kind: 'install' | 'upgrade' | 'reinstall';
  changes: { path: string; op: 'added' | 'removed' | 'changed' }[];
  conflicts: Conflict[];
  unresolved: string[];
  diff: PublishPreview['diff'];
  migration: PublishPreview['plan'] | null;
  errors: { path: string; code: string; message: string }[];
  /** The spec the workspace will have (names for the plan's sentences). */
  spec: AppSpec;
};

export type ApplyAnswer = { version: number; unchanged: boolean };

export const templateKeys = {
  all: ['builder', 'templates'] as const,
  list: () => [...templateKeys.all, 'list'] as const,
  one: (name: string) => [...templateKeys.all, 'one', name] as const,
  plan: (name: string) => [...templateKeys.all, 'plan', name] as const,
};

const at = (name: string) => encodeURIComponent(name);

export async function listTemplates(): Promise<TemplateCard[]> {
  return (await request<{ items: TemplateCard[] }>('GET', `/api/v1/templates`)).items;
}

export function fetchTemplate(name: string): Promise<TemplatePreview> {
  return request<TemplatePreview>('GET', `/api/v1/templates/${at(name)}`);
}

export function planTemplate(name: string): Promise<TemplatePlan> {
  return request<TemplatePlan>('POST', `/api/v1/templates/${at(name)}/plan?spec=1`, {});
}

/** Installs or upgrades with a choice for every conflict and blocking migration warning. */
export function applyTemplate(
  name: string,
  body: { choices: Record<string, ConflictChoice>; resolutions: Record<string, Resolution> },
): Promise<ApplyAnswer> {
  return request<ApplyAnswer>('POST', `/api/v1/templates/${at(name)}/apply`, body);
}
