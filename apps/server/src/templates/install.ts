import { gt } from 'semver';
import {
  mergeSpecs,
  templateIssue,
  type ConflictChoice,
  type Locale,
  type MergeConflict,
  type SpecChange,
  type TemplateChange,
  type TemplateIssue,
} from '@trellis/spec';
import type { AppSpec } from '@trellis/spec';
import type { MigrationPlan, Resolutions, Store, TemplateInstall } from '@trellis/store';
import { managersLostBy } from '../auth/publish-keeping-managers';

/** What installing (or upgrading to) a template does to a workspace, before anything is written. */
export type TemplatePlan = {
  name: string;
  version: string;
  /** The version installed now (null: not installed). */
  installed: string | null;
  /**
   * `install`: the first install of this template; `upgrade`: a newer version over an installed
   * one (three-way merge); `reinstall`: the installed version again.
   */
  kind: 'install' | 'upgrade' | 'reinstall';
  /** The spec the workspace will have: the live spec with the template merged in. */
  spec: Record<string, unknown>;
  /** What the template brings (taken without a conflict). */
  changes: TemplateChange[];
  /** Places both sides changed differently, with what was chosen. */
  conflicts: MergeConflict[];
  /** Conflicts nobody chose for yet (their `chosen` is the default, the workspace's value). */
  unresolved: string[];
  /** What publishing the merged spec changes (the builder's diff) and the migration it needs. */
  diff: SpecChange[];
  migration: MigrationPlan | null;
  /** Why it cannot be applied as it is: an invalid merged spec, an older version. */
  errors: TemplateIssue[];
};

export type TemplateSource = { name: string; version: string; spec: Record<string, unknown> };

export type PlanOptions = {
  locale?: Locale;
  /** Choices for merge conflicts by path: keep the workspace's value (ours) or take the template's. */
  choices?: Readonly<Record<string, ConflictChoice>>;
  /** One choice for every conflict not named in `choices`. */
  chooseAll?: ConflictChoice;
};

/**
 * Plans installing `template` into the workspace of `store`: the first install into an empty
 * workspace publishes the template's spec; into a workspace with a spec it is merged in
 * (everything only the template has is added, nothing of the workspace is dropped, what both
 * define differently is a conflict); an upgrade merges three ways — the installed version's
 * spec (kept in template_installs), the live spec with the workspace's customisations, and the
 * new version. Writes nothing.
 */
export async function planTemplate(
  store: Store,
  template: TemplateSource,
  opts: PlanOptions = {},
): Promise<TemplatePlan> {
  const locale = opts.locale ?? 'zh-CN';
  const [live, installed] = await Promise.all([
    store.specs.live(),
    store.templates.get(template.name),
  ]);
  const choices = opts.choices ?? {};
  const merged = live
    ? mergeSpecs(installed?.spec ?? null, live.spec, template.spec, choices, opts.chooseAll)
    : { spec: template.spec, conflicts: [], changes: [] };
  const errors: TemplateIssue[] = [];
  if (installed && gt(installed.version, template.version))
    errors.push(
      templateIssue(locale, 'template.json#/version', 'template.older', {
        name: template.name,
        installed: installed.version,
        version: template.version,
      }),
    );
  const known = new Set(merged.conflicts.map((c) => c.path));
  for (const path of Object.keys(choices))
    if (!known.has(path))
      errors.push(templateIssue(locale, path, 'template.unknownConflict', { path }));
  const preview = await store.specs.preview(merged.spec, { locale });
  if (!preview.ok) errors.push(...preview.errors.map((e) => ({ ...e })));
  else
    errors.push(
      ...(await managersLostBy(store, live?.spec ?? null, merged.spec as AppSpec, locale)),
    );
  return {
    name: template.name,
    version: template.version,
    installed: installed?.version ?? null,
    kind: !installed ? 'install' : installed.version === template.version ? 'reinstall' : 'upgrade',
    spec: merged.spec,
    changes: merged.changes,
    conflicts: merged.conflicts,
    unresolved: merged.conflicts
      .filter((c) => choices[c.path] === undefined && opts.chooseAll === undefined)
      .map((c) => c.path),
    diff: preview.ok ? preview.diff : [],
    migration: preview.ok ? preview.plan : null,
    errors,
  };
}

export type ApplyOptions = PlanOptions & {
  /** Choices for the migration's blocking warnings (e.g. a default for a newly required field). */
  resolutions?: Resolutions;
  by?: string | null;
  now?: number;
};

export type ApplyResult =
  | { ok: true; plan: TemplatePlan; version: number; unchanged: boolean }
  | { ok: false; plan: TemplatePlan; errors: TemplateIssue[] };

/**
 * Installs or upgrades: plans, refuses while a conflict has no choice or the plan has errors,
 * then publishes the merged spec through the normal publish path (validate, diff, migration,
 * never dropping data) and records the installed version with its own spec, in one transaction.
 */
export async function applyTemplate(
  store: Store,
  template: TemplateSource,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const locale = opts.locale ?? 'zh-CN';
  const plan = await planTemplate(store, template, opts);
  if (plan.unresolved.length > 0)
    return {
      ok: false,
      plan,
      errors: [
        templateIssue(locale, '', 'template.conflicts', {
          count: plan.unresolved.length,
          paths: plan.unresolved.join(', '),
        }),
      ],
    };
  if (plan.errors.length > 0) return { ok: false, plan, errors: plan.errors };
  const now = opts.now ?? Date.now();
  const refused: { errors?: TemplateIssue[] } = {};
  try {
    const published = await store.transaction(async (tx) => {
      // Never a template whose roles leave nobody able to manage users (publish-keeping-managers).
      await tx.users.holdManagers();
      const before = (await tx.specs.live())?.spec ?? null;
      const previous = await tx.templates.get(template.name);
      const r = await tx.specs.publish({
        spec: plan.spec,
        by: opts.by ?? null,
        note: `template ${template.name}@${template.version}`,
        ...(opts.resolutions ? { resolutions: opts.resolutions } : {}),
        locale,
        now,
      });
      const lost = r.ok && !r.unchanged ? await managersLostBy(tx, before, r.spec, locale) : [];
      if (!r.ok || lost.length > 0) {
        refused.errors = (r.ok ? lost : r.errors).map((e) => ({ ...e }));
        throw new Error('publish refused');
      }
      const install: TemplateInstall = {
        name: template.name,
        version: template.version,
        spec: template.spec,
        specVersion: r.unchanged ? (previous?.specVersion ?? r.version) : r.version,
        installedAt: now,
        installedBy: opts.by ?? null,
      };
      await tx.templates.put(install);
      return r;
    });
    return { ok: true, plan, version: published.version, unchanged: published.unchanged };
  } catch (error) {
    if (refused.errors) return { ok: false, plan, errors: refused.errors };
    throw error;
  }
}
