import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import { compare } from 'semver';
import type { ConflictChoice } from '@trellis/spec';
import type { Resolutions } from '@trellis/store';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import type { Locale } from '../http/locale';
import { HttpProblem, localeOf, type ProblemError } from '../http/problem';
import { folderCatalog, previewOf, type TemplateCatalog } from '../templates/catalog';
import { applyTemplate, planTemplate, type TemplatePlan } from '../templates/install';
import type { AppEnv } from '../types';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/**
 * The template gallery (builder capability): the bundled templates, a preview of one, the plan
 * of installing or upgrading it (three-way merge, conflicts, migration) and applying it with the
 * builder's choice per conflict. Applying goes through publish, so it never drops data.
 */
export function registerTemplateRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const catalog: TemplateCatalog = folderCatalog(ctx.options.templateDirs ?? []);
  const builder = (c: Context<AppEnv>) => {
    const actor = requireActor(c);
    if (!ctx.engine.permissions.hasCapability(actor, 'build'))
      throw new HttpProblem(403, 'forbidden');
    return actor;
  };
  const open = (name: string) => {
    const found = catalog.open(name);
    if (!found) throw new HttpProblem(404, 'not_found');
    return found;
  };

  app.get('/api/v1/templates', async (c) => {
    builder(c);
    const items = [];
    for (const name of catalog.names()) {
      const found = catalog.open(name);
      if (!found) continue;
      const m = found.bundle.manifest;
      const installed = await ctx.store.templates.get(name);
      items.push({
        name,
        version: m.version,
        label: m.label ?? null,
        description: m.description ?? null,
        previews: previewUrls(name, m.previews ?? []),
        installed: installed?.version ?? null,
        offer: offerOf(m.version, installed?.version ?? null),
      });
    }
    return c.json({ items });
  });

  app.get('/api/v1/templates/:name', async (c) => {
    builder(c);
    const { bundle } = open(c.req.param('name'));
    const installed = await ctx.store.templates.get(bundle.manifest.name);
    const preview = previewOf(bundle.manifest, bundle.spec);
    return c.json({
      ...preview,
      previews: previewUrls(preview.name, preview.previews),
      installed: installed?.version ?? null,
      offer: offerOf(preview.version, installed?.version ?? null),
    });
  });

  app.get('/api/v1/templates/:name/previews/:index', (c) => {
    builder(c);
    const { dir, bundle } = open(c.req.param('name'));
    const file = (bundle.manifest.previews ?? [])[Number(c.req.param('index'))];
    const type = file ? IMAGE_TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) throw new HttpProblem(404, 'not_found');
    c.header('content-type', type);
    c.header('cache-control', 'private, max-age=300');
    // svg from a template may carry script: served as an image that cannot run in our origin.
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.body(readFileSync(join(dir, file)));
  });

  app.post('/api/v1/templates/:name/plan', async (c) => {
    builder(c);
    const { bundle } = open(c.req.param('name'));
    const { body } = await readObject(c, { optional: true });
    const locale = localeOf(c);
    const plan = await planTemplate(ctx.store, sourceOf(bundle), planOptions(body, locale));
    // The merged spec (~100 KB) names what the plan's changes touch: only on ?spec=1.
    return c.json({
      ...planAnswer(plan),
      ...(c.req.query('spec') === '1' ? { spec: plan.spec } : {}),
    });
  });

  app.post('/api/v1/templates/:name/apply', async (c) => {
    const actor = builder(c);
    const { bundle } = open(c.req.param('name'));
    const { body } = await readObject(c, { optional: true });
    const locale = localeOf(c);
    const opts = planOptions(body, locale);
    const resolutions = readResolutions(body.resolutions, locale);
    const apply = ctx.options.applyTemplate ?? ((t, o) => applyTemplate(ctx.store, t, o));
    const result = await apply(sourceOf(bundle), {
      ...opts,
      ...(resolutions ? { resolutions } : {}),
      by: actor.userId ?? null,
      now: ctx.now(),
    });
    if (!result.ok)
      throw new HttpProblem(
        422,
        'validation',
        {},
        result.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
      );
    return c.json(
      { version: result.version, unchanged: result.unchanged, plan: planAnswer(result.plan) },
      result.unchanged ? 200 : 201,
    );
  });
}

const sourceOf = (bundle: {
  manifest: { name: string; version: string };
  spec: Record<string, unknown>;
}) => ({
  name: bundle.manifest.name,
  version: bundle.manifest.version,
  spec: bundle.spec,
});

/** What the gallery offers: install, upgrade, reinstall, or nothing (`older`: a newer one is installed). */
function offerOf(version: string, installed: string | null) {
  if (installed === null) return 'install';
  const order = compare(version, installed);
  return order > 0 ? 'upgrade' : order === 0 ? 'reinstall' : 'older';
}

const previewUrls = (name: string, files: readonly string[]) =>
  files.map((_, i) => `/api/v1/templates/${encodeURIComponent(name)}/previews/${i}`);

/** The plan without the full merged spec and the migration's before/after specs (~90 KB each). */
function planAnswer(plan: TemplatePlan) {
  const { spec: _spec, migration, ...rest } = plan;
  if (!migration) return { ...rest, migration: null };
  const {
    from: _from,
    to: _to,
    ...steps
  } = migration as typeof migration & {
    from?: unknown;
    to?: unknown;
  };
  return { ...rest, migration: steps };
}

const CHOICES: readonly ConflictChoice[] = ['ours', 'theirs'];
const SAY = {
  choicesObject: {
    'zh-CN': '应为对象：冲突路径 → "ours"（保留工作区）或 "theirs"（采用模板）',
    en: 'must be an object: conflict path → "ours" (keep the workspace) or "theirs" (take the template)',
  },
  choice: {
    'zh-CN': '只能是 "ours"（保留工作区）或 "theirs"（采用模板）',
    en: 'must be "ours" (keep the workspace) or "theirs" (take the template)',
  },
  resolutions: { 'zh-CN': '应为对象', en: 'must be an object' },
} as const;

function bad(path: string, text: Record<Locale, string>, locale: Locale): HttpProblem {
  const error: ProblemError = { path, code: 'invalid_value', message: text[locale] };
  return new HttpProblem(400, 'validation', {}, [error]);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `choices` (per conflict path) and `chooseAll` of a plan or apply body, checked. */
function planOptions(body: Record<string, unknown>, locale: Locale) {
  const choices: Record<string, ConflictChoice> = {};
  if (body.choices !== undefined) {
    if (!isObject(body.choices)) throw bad('/choices', SAY.choicesObject, locale);
    for (const [path, choice] of Object.entries(body.choices)) {
      if (!CHOICES.includes(choice as ConflictChoice))
        throw bad(`/choices/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`, SAY.choice, locale);
      choices[path] = choice as ConflictChoice;
    }
  }
  if (body.chooseAll !== undefined && !CHOICES.includes(body.chooseAll as ConflictChoice))
    throw bad('/chooseAll', SAY.choice, locale);
  return {
    locale,
    choices,
    ...(body.chooseAll !== undefined ? { chooseAll: body.chooseAll as ConflictChoice } : {}),
  };
}

function readResolutions(value: unknown, locale: Locale): Resolutions | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw bad('/resolutions', SAY.resolutions, locale);
  return value as Resolutions;
}
