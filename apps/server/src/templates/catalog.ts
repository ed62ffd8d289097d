import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Locale, TemplateManifest } from '@trellis/spec';
import { bundleTemplate, type TemplateBundle } from './bundle';

type LocaleMap = Partial<Record<Locale, string>>;

/** A named thing of a template's spec, as the gallery lists it. */
type NamedPart = { key: string; label: LocaleMap | null };

/** What the gallery shows of one template, before anything is installed. */
export type TemplatePreview = {
  name: string;
  version: string;
  label: LocaleMap | null;
  description: LocaleMap | null;
  locales: string[];
  /** Screenshot file names in the manifest's order; served by GET /templates/:name/previews/:i. */
  previews: string[];
  entities: NamedPart[];
  /** Stages per pipeline, in the pipeline's order. */
  pipelines: (NamedPart & { entity: string | null; stages: NamedPart[] })[];
  automations: NamedPart[];
  roles: NamedPart[];
  forms: NamedPart[];
  dashboards: NamedPart[];
};

/** The templates a server offers: folders, each read on demand (a template is small). */
export type TemplateCatalog = {
  names(): string[];
  /** The template folder's bundle, or null for an unknown or unreadable template. */
  open(name: string): { dir: string; bundle: TemplateBundle } | null;
};

/**
 * A catalog over template folders: each entry is a template folder, or a folder of template
 * folders (the repository's templates/). The name is the manifest's, not the folder's.
 */
export function folderCatalog(dirs: readonly string[]): TemplateCatalog {
  const folders = (): Map<string, string> => {
    const found = new Map<string, string>();
    for (const dir of dirs)
      for (const candidate of [dir, ...subfolders(dir)]) {
        const b = bundleTemplate(candidate);
        if (b.ok && !found.has(b.manifest.name)) found.set(b.manifest.name, candidate);
      }
    return found;
  };
  return {
    names: () => [...folders().keys()].sort(),
    open(name) {
      const dir = folders().get(name);
      if (!dir) return null;
      const bundle = bundleTemplate(dir);
      return bundle.ok ? { dir, bundle } : null;
    },
  };
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((f) => join(dir, f))
      .filter((p) => statSync(p).isDirectory() && basename(p) !== 'node_modules');
  } catch {
    return [];
  }
}

/** The gallery's summary of a template: what it brings, counted and named. */
export function previewOf(
  manifest: TemplateManifest,
  spec: Record<string, unknown>,
): TemplatePreview {
  const pipelines = listOf(spec.pipelines).map((p) => ({
    ...named(p),
    entity: typeof p.entity === 'string' ? p.entity : null,
    stages: listOf(p.stages).map(named),
  }));
  return {
    name: manifest.name,
    version: manifest.version,
    label: manifest.label ?? null,
    description: manifest.description ?? null,
    locales: [...manifest.locales],
    previews: [...(manifest.previews ?? [])],
    entities: listOf(spec.entities).map(named),
    pipelines,
    automations: listOf(spec.automations).map(named),
    roles: listOf(spec.roles).map(named),
    forms: listOf(spec.forms).map(named),
    dashboards: listOf(spec.dashboards).map(named),
  };
}

type Item = Record<string, unknown>;
const listOf = (value: unknown): Item[] =>
  Array.isArray(value) ? value.filter((v): v is Item => typeof v === 'object' && v !== null) : [];
const named = (item: Item): NamedPart => ({
  key: String(item.key ?? ''),
  label: typeof item.label === 'object' && item.label !== null ? (item.label as LocaleMap) : null,
});
